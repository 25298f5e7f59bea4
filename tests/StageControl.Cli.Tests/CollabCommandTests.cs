// stagectl collab camera|annotate|annotations against a coordinator started in-process on loopback with a token secret.
using System.Net;
using System.Text.Json;
using StageControl.Coordinator;
using StageControl.Core.Security;

namespace StageControl.Cli.Tests;

public sealed class CollabCommandTests : IAsyncLifetime
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i + 40)).ToArray();

    private static readonly TokenAuthority Authority = new(Secret);

    private CoordinatorHost? _host;

    private string Url => _host!.GrpcUri.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync() => _host = await CoordinatorHost.StartAsync(new CoordinatorOptions
    {
        ConfigPath = Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json"),
        Grpc = new IPEndPoint(IPAddress.Loopback, 0),
        Http = new IPEndPoint(IPAddress.Loopback, 0),
        TrackingPort = 0,
        TrackingAddress = IPAddress.Loopback,
        TokenSecret = Secret,
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static string Token(string subject, AccessRole role = AccessRole.Collaborator) => Authority.Issue(role, TimeSpan.FromHours(1), subject).Token;

    [Fact]
    public void Camera_Json_VirtualCameraNamedForTheSubjectAndInStatus()
    {
        // Act
        var (code, output, err) = Stagectl.Run("collab", "camera", "--coordinator", Url, "--token", Token("alice"),
            "--position", "1,1.7,-4", "--orientation", "1,0,0,0", "--fov", "40", "--json");
        var (humanCode, human, humanErr) = Stagectl.Run("collab", "camera", "--coordinator", Url, "--token", Token("alice"),
            "--position", "2,1.7,-4", "--orientation", "1,0,0,0", "--fov", "30");

        // Assert
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        Assert.Equal("virtual/alice", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(40, json.RootElement.GetProperty("verticalFovDeg").GetDouble());
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.True(humanCode == 0, humanErr);
        Assert.StartsWith("virtual/alice at 2,1.7,-4 m, vertical fov 30°", human, StringComparison.Ordinal);
        var listed = Assert.Single(_host!.GetStatus().Cameras, c => c.Name == "virtual/alice");
        Assert.Equal(2, listed.Position.X);
    }

    [Fact]
    public void Camera_BadValues_Exit1NamingTheOption()
    {
        // Act
        var fov = Stagectl.Run("collab", "camera", "--coordinator", Url, "--token", Token("alice"),
            "--position", "1,1.7,-4", "--orientation", "1,0,0,0", "--fov", "175");
        var quat = Stagectl.Run("collab", "camera", "--coordinator", Url, "--token", Token("alice"),
            "--position", "1,1.7,-4", "--orientation", "1,0,0", "--fov", "40");
        var noToken = Stagectl.Run("collab", "camera", "--coordinator", Url,
            "--position", "1,1.7,-4", "--orientation", "1,0,0,0", "--fov", "40");

        // Assert
        Assert.Equal(1, fov.Code);
        Assert.Contains("--fov: the coordinator refused it: vertical_fov_deg: 175 is outside 1..170", fov.Err, StringComparison.Ordinal);
        Assert.Equal(1, quat.Code);
        Assert.Contains("--orientation: '1,0,0' is not w,x,y,z", quat.Err, StringComparison.Ordinal);
        Assert.Equal(1, noToken.Code);
        Assert.Contains("missing bearer token", noToken.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", fov.Err + quat.Err + noToken.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AnnotateThenAnnotations_ListedWithAuthorAndColour_ErrorsExit1()
    {
        // Act
        var (addCode, added, addErr) = Stagectl.Run("collab", "annotate", "--coordinator", Url, "--token", Token("bob"),
            "--text", "mark C", "--position", "0,2,-5", "--color", "1,0.2,0.2,1", "--json");
        var plain = Stagectl.Run("collab", "annotate", "--coordinator", Url, "--token", Token("bob"), "--text", "second", "--position", "1,2,-5");
        var (listCode, listed, listErr) = Stagectl.Run("collab", "annotations", "--coordinator", Url, "--token", Token("carol"), "--json");
        var human = Stagectl.Run("collab", "annotations", "--coordinator", Url, "--token", Token("carol"));
        var badColour = Stagectl.Run("collab", "annotate", "--coordinator", Url, "--token", Token("bob"), "--text", "x", "--position", "0,0,0", "--color", "2,0,0,1");
        var asNode = Stagectl.Run("collab", "annotations", "--coordinator", Url, "--token", Token("node-1", AccessRole.Node));

        // Assert
        Assert.True(addCode == 0, addErr);
        using var one = JsonDocument.Parse(added.Trim().Split('\n')[^1]);
        var id = one.RootElement.GetProperty("id").GetString();
        Assert.Equal("bob", one.RootElement.GetProperty("author").GetString());
        Assert.Equal(0, plain.Code);
        Assert.Matches("^a[0-9]+$", plain.Out.Trim());
        Assert.True(listCode == 0, listErr);
        using var list = JsonDocument.Parse(listed.Trim().Split('\n')[^1]);
        var annotations = list.RootElement.GetProperty("annotations");
        Assert.Equal(2, annotations.GetArrayLength());
        Assert.Equal(id, annotations[0].GetProperty("id").GetString());
        Assert.Equal(0.2, annotations[0].GetProperty("color").GetProperty("green").GetDouble(), 5);
        Assert.Equal(0, human.Code);
        Assert.Contains($"{id}  bob  0,2,-5  mark C", human.Out, StringComparison.Ordinal);
        Assert.Equal(1, badColour.Code);
        Assert.Contains("--color: the coordinator refused it: color.red: 2 is outside 0..1", badColour.Err, StringComparison.Ordinal);
        Assert.Equal(1, asNode.Code);
        Assert.Contains("role 'node' may not call", asNode.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_MissingText_UsageExit2()
    {
        // Act
        var (code, _, err) = Stagectl.Run("collab", "annotate", "--coordinator", Url, "--position", "0,0,0");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("--text", err, StringComparison.Ordinal);
    }
}
