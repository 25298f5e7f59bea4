// Finds and runs the interop peers of tests/interop/ (python3-grpcio, grpc-js). A missing peer FAILS the test with
// the command that installs it; it never skips.
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace StageControl.Rpc.Tests.Interop;

internal static class InteropPeer
{
    /// <summary>Debian's interpreter, explicitly: a pyenv python3 earlier on PATH cannot see apt-installed modules.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_pythonProblem = new(() => FindPythonProblem());
    private static readonly Lazy<string?> s_nodeProblem = new(() => FindNodeProblem());

    public static string Directory { get; } = typeof(InteropPeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "InteropDirectory").Value!;

    public static string ProtoRoot => Path.GetFullPath(Path.Combine(Directory, "..", "..", "protos"));

    public static void RequirePython()
    {
        if (s_pythonProblem.Value is { } problem)
        {
            Assert.Fail(problem);
        }
    }

    public static void RequireNode()
    {
        if (s_nodeProblem.Value is { } problem)
        {
            Assert.Fail(problem);
        }
    }

    public static ProcessStartInfo StartInfo(string fileName, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Keep proxies away from loopback calls.
        info.Environment["no_proxy"] = "127.0.0.1,localhost";
        info.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("grpc_proxy");
        return info;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + info.FileName);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string? FindPythonProblem()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing: the python3-grpcio interop peer needs Debian's python3 (run tests/prereqs.d/grpc.sh).";
        }

        var (code, output) = RunAsync(StartInfo(Python, Directory, "-c", "import grpc; print(grpc.__version__)"), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return code == 0 ? null : $"python3-grpcio is not importable by {Python} (run tests/prereqs.d/grpc.sh): {output}";
    }

    private static string? FindNodeProblem()
    {
        var modules = Path.Combine(Directory, "node", "node_modules", "@grpc", "grpc-js");
        if (!System.IO.Directory.Exists(modules))
        {
            return $"@grpc/grpc-js is not installed in {Path.Combine(Directory, "node")} (run tests/prereqs.d/grpc.sh, which runs npm ci).";
        }

        try
        {
            var (code, output) = RunAsync(StartInfo("node", Directory, "--version"), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            return code == 0 ? null : "node does not run: " + output;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return "node is not on PATH (apt-get install nodejs npm): " + ex.Message;
        }
    }
}
