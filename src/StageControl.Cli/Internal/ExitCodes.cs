namespace StageControl.Cli.Internal;

/// <summary>The exit codes every <c>stagectl</c> command keeps (shared/DESIGN.md "Contracts").</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: a file, value or packet that fails validation.</summary>
    public const int BadInput = 1;

    /// <summary>Usage error: unknown command, missing or malformed option.</summary>
    public const int Usage = 2;
}
