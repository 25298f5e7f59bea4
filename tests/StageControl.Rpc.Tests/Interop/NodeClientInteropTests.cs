// @grpc/grpc-js (npm, tests/interop/node) as a client of our Kestrel server: tests/interop/node/echo_client.js.
using StageControl.Rpc.Tests.Loopback;

namespace StageControl.Rpc.Tests.Interop;

public sealed class NodeClientInteropTests(RpcServerFixture server) : IClassFixture<RpcServerFixture>
{
    [Theory]
    [InlineData("health_check")]
    [InlineData("unary")]
    [InlineData("server_stream")]
    [InlineData("client_stream")]
    [InlineData("bidi")]
    [InlineData("error")]
    [InlineData("deadline")]
    [InlineData("cancel")]
    [InlineData("metadata")]
    [InlineData("unimplemented")]
    public async Task NodeClient_Check_Passes(string check)
    {
        // Arrange
        InteropPeer.RequireNode();
        var info = InteropPeer.StartInfo("node", Path.Combine(InteropPeer.Directory, "node"), "echo_client.js", check, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), InteropPeer.ProtoRoot);

        // Act
        var (exitCode, output) = await InteropPeer.RunAsync(info, TimeSpan.FromSeconds(60));

        // Assert
        Assert.True(exitCode == 0 && output.Contains("ok " + check, StringComparison.Ordinal), $"grpc-js client check '{check}' failed (exit {exitCode}):\n{output}");
    }
}
