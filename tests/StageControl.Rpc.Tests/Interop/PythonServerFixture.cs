// Starts tests/interop/python/echo_server.py (python3-grpcio) and waits for its "PORT n" line.
using System.Diagnostics;
using System.Globalization;

namespace StageControl.Rpc.Tests.Interop;

public sealed class PythonServerFixture : IAsyncLifetime
{
    private Process? _process;

    public Uri Address { get; private set; } = null!;

    public string? StartupProblem { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(InteropPeer.Python))
        {
            StartupProblem = $"{InteropPeer.Python} is missing (run tests/prereqs.d/grpc.sh).";
            return;
        }

        _process = Process.Start(InteropPeer.StartInfo(InteropPeer.Python, Path.Combine(InteropPeer.Directory, "python"), "echo_server.py"));
        if (_process is null)
        {
            StartupProblem = "could not start echo_server.py";
            return;
        }

        var stderr = _process.StandardError.ReadToEndAsync();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            StartupProblem = $"python echo server did not start (is python3-grpcio installed? run tests/prereqs.d/grpc.sh): {line}\n{await stderr.WaitAsync(TimeSpan.FromSeconds(10))}";
            return;
        }

        Address = new Uri("http://127.0.0.1:" + int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
