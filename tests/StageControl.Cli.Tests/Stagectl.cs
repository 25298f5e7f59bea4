using System.Globalization;
using StageControl.Cli;

namespace StageControl.Cli.Tests;

/// <summary>Runs <c>stagectl</c> in-process and captures its exit code, stdout and stderr.</summary>
internal static class Stagectl
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = StagectlApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
