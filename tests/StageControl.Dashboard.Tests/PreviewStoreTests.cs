// The coordinator's preview store and the small HTTP helpers, without a server.
using Google.Protobuf;
using StageControl.Coordinator.Dashboard;
using StageControl.Coordinator.Security;
using StageControl.Core.Security;
using StageControl.Core.Stage;
using StageControl.Protos.V1;

namespace StageControl.Dashboard.Tests;

public sealed class PreviewStoreTests
{
    private static readonly byte[] s_png = Render.Output.PngEncoder.Encode(new byte[4 * 4 * 4], 4, 4);

    private static StageConfig Tiny() => StageConfigLoader.Parse(DashboardStage.TinyJson).Config!;

    private static PanelPreview Preview(string panel, long frame, byte[]? png = null) =>
        new() { PanelId = panel, Frame = frame, Width = 4, Height = 4, Png = ByteString.CopyFrom(png ?? s_png) };

    [Fact]
    public void Offer_PanelOfSendingNode_StoredAndNewestWins()
    {
        // Arrange
        var store = new PreviewStore(Tiny());

        // Act
        var first = store.Offer("node-left", Preview("back/c01r01", 10));
        var second = store.Offer("node-left", Preview("back/c01r01", 11));

        // Assert
        Assert.True(first);
        Assert.True(second);
        var stored = store.Get("back/c01r01")!;
        Assert.Equal(11, stored.Frame);
        Assert.Equal(s_png, stored.Png);
        Assert.Null(store.Get("back/c02r01"));
    }

    [Fact]
    public void Offer_EachStoredPreview_GetsItsOwnETag()
    {
        // Arrange
        var store = new PreviewStore(Tiny());
        store.Offer("node-left", Preview("back/c01r01", 10));
        var first = store.Get("back/c01r01")!.ETag;

        // Act: the same frame again (a node that restarted) must not look unchanged to a browser.
        store.Offer("node-left", Preview("back/c01r01", 10));

        // Assert
        Assert.NotEqual(first, store.Get("back/c01r01")!.ETag);
        Assert.StartsWith("\"", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node-right", "back/c01r01")] // another node's panel
    [InlineData("node-left", "back/c09r01")] // no such panel
    [InlineData("node-x", "back/c01r01")] // no such node
    public void Offer_PanelNotDrivenBySender_Refused(string node, string panel)
    {
        // Arrange
        var store = new PreviewStore(Tiny());

        // Act
        var accepted = store.Offer(node, Preview(panel, 1));

        // Assert
        Assert.False(accepted);
        Assert.Null(store.Get("back/c01r01"));
    }

    [Fact]
    public void Offer_NotPngOrTooLarge_Refused()
    {
        // Arrange
        var store = new PreviewStore(Tiny());
        var tooLarge = new byte[PreviewStore.MaxPngBytes + 1];
        s_png.CopyTo(tooLarge, 0);

        // Act
        var notPng = store.Offer("node-left", Preview("back/c01r01", 1, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
        var large = store.Offer("node-left", Preview("back/c01r01", 2, tooLarge));

        // Assert
        Assert.False(notPng);
        Assert.False(large);
        Assert.Null(store.Get("back/c01r01"));
    }

    [Theory]
    [InlineData("back%2Fc01r01.png", "back/c01r01")]
    [InlineData("back/c01r01.png", "back/c01r01")]
    [InlineData("back%2Fc01r01", null)]
    [InlineData(".png", null)]
    public void PanelOfFile_Names_PanelIdOrNull(string file, string? panel)
    {
        // Act
        var result = DashboardEndpoints.PanelOfFile(file);

        // Assert
        Assert.Equal(panel, result);
    }

    [Theory]
    [InlineData("overscan_pct: 500 is outside 0..100", "overscanPct")]
    [InlineData("chroma_key.green: 2 is outside 0..1", "chromaKey.green")]
    [InlineData("no field here", null)]
    public void FieldOf_OperatorMessage_JsonFieldName(string message, string? field)
    {
        // Act
        var result = DashboardEndpoints.FieldOf(message);

        // Assert
        Assert.Equal(field, result);
    }

    [Theory]
    [InlineData(AccessRole.Operator, "GET", "/api/operator", true)]
    [InlineData(AccessRole.Collaborator, "GET", "/api/operator", true)]
    [InlineData(AccessRole.Operator, "POST", "/api/operator", true)]
    [InlineData(AccessRole.Collaborator, "POST", "/api/operator", false)]
    [InlineData(AccessRole.Node, "GET", "/api/stage", false)]
    [InlineData(AccessRole.Collaborator, "GET", "/api/stage", true)]
    [InlineData(AccessRole.Collaborator, "GET", "/api/previews/back/c01r01.png", true)]
    [InlineData(AccessRole.Node, "GET", "/api/previews/back%2Fc01r01.png", false)]
    [InlineData(AccessRole.Operator, "POST", "/api/stage", false)]
    public void Policy_DashboardApi_ReadingForViewersChangingForOperators(AccessRole role, string method, string path, bool allowed)
    {
        // Arrange
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        request.Method = method;
        request.Path = path;

        // Act
        var resource = AccessCheck.HttpResource(request);

        // Assert
        Assert.Equal(allowed, AccessPolicy.Default.Allows(role, resource));
    }
}
