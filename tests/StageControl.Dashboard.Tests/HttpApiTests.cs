// The coordinator's HTTP API as the dashboard uses it (no browser): stage, operator GET/POST, previews, page files.
using System.Net;
using System.Text.Json;

namespace StageControl.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class HttpApiTests(DashboardStage stage)
{
    [Fact]
    public async Task GetStage_TinyStage_NamesStageNodesPanelsWithCornersAndCamera()
    {
        // Arrange
        var uri = new Uri("/api/stage", UriKind.Relative);

        // Act
        using var response = await stage.Http.GetAsync(uri);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = json.RootElement;
        Assert.Equal("Dashboard Test Stage", root.GetProperty("name").GetString());
        Assert.Equal(["node-left", "node-right"], root.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(4, panels.Count);
        Assert.Equal(2, panels.Count(p => p.GetProperty("node").GetString() == "node-left"));
        var first = panels[0];
        Assert.Equal(-1.0, first.GetProperty("pa").GetProperty("x").GetDouble(), 6);
        Assert.Equal(-3.0, first.GetProperty("pa").GetProperty("z").GetDouble(), 6);
        Assert.Equal(48, first.GetProperty("widthPx").GetInt32());
        Assert.Equal("cam-a", root.GetProperty("cameras")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task PostOperator_ValidChange_AppliesFromNextFrameAndGetShowsIt()
    {
        // Arrange
        var before = stage.Coordinator.CurrentFrame;

        // Act
        var (status, body) = await stage.PostOperatorAsync("""{"overscanPct": 12.5, "softEdge": 0.05, "activeCamera": "cam-a"}""");
        using var get = JsonDocument.Parse(await stage.Http.GetStringAsync(new Uri("/api/operator", UriKind.Relative)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        using var posted = JsonDocument.Parse(body);
        Assert.Equal(12.5, posted.RootElement.GetProperty("overscanPct").GetDouble());
        // proto3 JSON writes int64 as strings.
        var applies = long.Parse(posted.RootElement.GetProperty("appliesFromFrame").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(applies > before, $"applies from {applies}, the loop was at {before}");
        Assert.Equal(12.5, get.RootElement.GetProperty("overscanPct").GetDouble());
        Assert.Equal(0.05, get.RootElement.GetProperty("softEdge").GetDouble());
        Assert.Equal(posted.RootElement.GetProperty("version").GetString(), get.RootElement.GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("""{"overscanPct": 500}""", "overscan_pct", "overscanPct")]
    [InlineData("""{"activeCamera": "nope"}""", "unknown camera 'nope'", "activeCamera")]
    [InlineData("""{"chromaKey": {"enabled": true, "green": 2}}""", "chroma_key.green", "chromaKey.green")]
    public async Task PostOperator_InvalidValue_400NamingFieldAndNothingApplied(string json, string message, string field)
    {
        // Arrange
        var version = stage.Coordinator.Runtime.Operator.Current.Version;

        // Act
        var (status, body) = await stage.PostOperatorAsync(json);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var error = JsonDocument.Parse(body);
        Assert.Contains(message, error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(field, error.RootElement.GetProperty("field").GetString());
        Assert.Equal(version, stage.Coordinator.Runtime.Operator.Current.Version);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"overscanPct": "wide"}""")]
    [InlineData("""{"noSuchField": 1}""")]
    [InlineData("")]
    public async Task PostOperator_MalformedBody_400NamingTheBody(string json)
    {
        // Act
        var (status, body) = await stage.PostOperatorAsync(json);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var error = JsonDocument.Parse(body);
        Assert.StartsWith("body: ", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostOperator_StaleExpectedVersion_409()
    {
        // Arrange
        var version = stage.Coordinator.Runtime.Operator.Current.Version;

        // Act
        var (status, body) = await stage.PostOperatorAsync($$"""{"softEdge": 0.1, "expectedVersion": "{{version + 100}}"}""");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("expected_version", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPreview_PanelWithPreview_PngWithETagAndNoCache()
    {
        // Arrange
        var uri = new Uri("/api/previews/" + Uri.EscapeDataString(stage.PanelIds[0]) + ".png", UriKind.Relative);

        // Act
        using var response = await stage.Http.GetAsync(uri);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
        var image = Render.Output.PngDecoder.Decode(bytes);
        Assert.Equal(48, image.Width);
        Assert.Equal(48, image.Height);
    }

    [Fact]
    public async Task GetPreview_IfNoneMatchCurrentETag_304()
    {
        // Arrange
        var uri = new Uri("/api/previews/" + Uri.EscapeDataString(stage.PanelIds[1]) + ".png", UriKind.Relative);
        var stored = stage.Coordinator.Runtime.Previews.Get(stage.PanelIds[1])!;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("If-None-Match", stored.ETag);

        // Act
        using var response = await stage.Http.SendAsync(request);

        // Assert: the preview may have been replaced in between; then the new one comes with its own tag.
        if (stage.Coordinator.Runtime.Previews.Get(stage.PanelIds[1]) == stored)
        {
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }
        else
        {
            Assert.NotEqual(stored.ETag, response.Headers.ETag?.Tag);
        }
    }

    [Theory]
    [InlineData("no-such-panel.png", "has no panel 'no-such-panel'")]
    [InlineData("back%2Fc01r01.jpg", "is not a preview")]
    public async Task GetPreview_UnknownPanelOrName_404NamingIt(string file, string message)
    {
        // Act
        using var response = await stage.Http.GetAsync(new Uri("/api/previews/" + file, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPreview_PanelIdWithSlashUnescaped_SameAsEscaped()
    {
        // Arrange: panel ids are "wall/cCCrRR"; the page escapes the slash, a person may not.
        var id = stage.PanelIds[2];

        // Act
        using var response = await stage.Http.GetAsync(new Uri("/api/previews/" + id + ".png", UriKind.Relative));

        // Assert
        Assert.Contains('/', id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/", "text/html", "id=\"stage-name\"")]
    [InlineData("/dashboard.js", "text/javascript", "/api/operator")]
    [InlineData("/dashboard.css", "text/css", ".previews")]
    public async Task GetPage_EmbeddedFile_ServedWithTypeAndETag(string path, string type, string content)
    {
        // Act
        using var response = await stage.Http.GetAsync(new Uri(path, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
