namespace StageControl.Cli.Internal;

/// <summary>Bad input found by a command: reported as one line on stderr and exit code 1.</summary>
internal sealed class CliInputException(string message) : Exception(message);
