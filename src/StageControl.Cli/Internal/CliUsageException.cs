namespace StageControl.Cli.Internal;

/// <summary>A usage problem found after parsing (e.g. two options that exclude each other): exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
