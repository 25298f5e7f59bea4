// Debian's python3-grpcio (gRPC C-core) as a client of our Kestrel server: tests/interop/python/echo_client.py.
using StageControl.Rpc.Tests.Loopback;

namespace StageControl.Rpc.Tests.Interop;

public sealed class PythonClientInteropTests(RpcServerFixture server) : IClassFixture<RpcServerFixture>
{
    [Theory]
    [InlineData("health_check")]
    [InlineData("health_watch")]
    [InlineData("unary")]
    [InlineData("server_stream")]
    [InlineData("client_stream")]
    [InlineData("bidi")]
    [InlineData("error")]
    [InlineData("deadline")]
    [InlineData("cancel")]
    [InlineData("metadata")]
    [InlineData("unimplemented")]
    [InlineData("oversized")]
    public async Task PythonClient_Check_Passes(string check)
    {
        // Arrange
        InteropPeer.RequirePython();
        var info = InteropPeer.StartInfo(InteropPeer.Python, Path.Combine(InteropPeer.Directory, "python"), "echo_client.py", check, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Act
        var (exitCode, output) = await InteropPeer.RunAsync(info, TimeSpan.FromSeconds(60));

        // Assert
        Assert.True(exitCode == 0 && output.Contains("ok " + check, StringComparison.Ordinal), $"python client check '{check}' failed (exit {exitCode}):\n{output}");
    }
}
