// How stagectl starts another stagectl (stagectl demo's render nodes): the same build, whichever way this one runs.
using System.Diagnostics;

namespace StageControl.Cli.Internal;

/// <summary>
/// Builds the <see cref="ProcessStartInfo"/> that runs this same <c>stagectl</c> with other arguments: as an apphost
/// (<c>…/stagectl</c>) it is <see cref="Environment.ProcessPath"/> itself; otherwise (<c>dotnet stagectl.dll</c>,
/// <c>dotnet run</c>, or hosted in a test runner) the dotnet host — this process when it is <c>dotnet</c>, else
/// <c>DOTNET_HOST_PATH</c> (set by the SDK for tools and tests) or <c>dotnet</c> on the PATH — with the path of
/// stagectl.dll.
/// </summary>
internal static class StagectlLauncher
{
    /// <summary>A start info for <c>stagectl ARGS</c> with stdout and stderr redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var processPath = Environment.ProcessPath;
        var processName = processPath is null ? string.Empty : Path.GetFileNameWithoutExtension(processPath);
        ProcessStartInfo info;
        if (string.Equals(processName, "stagectl", StringComparison.Ordinal))
        {
            info = new ProcessStartInfo(processPath!);
        }
        else
        {
            var host = string.Equals(processName, "dotnet", StringComparison.Ordinal) ? processPath!
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk) ? fromSdk
                : "dotnet";
            info = new ProcessStartInfo(host);
            info.ArgumentList.Add(typeof(StagectlApp).Assembly.Location);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.UseShellExecute = false;
        info.RedirectStandardInput = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }
}
