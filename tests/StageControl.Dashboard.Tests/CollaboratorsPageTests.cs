// The dashboard's view of a shared stage: collaborators' virtual cameras and annotations (set over the gRPC collaborator
// service) in the 3D view and the "Collaborators & sites" card, a linked site's cameras and link state, and a
// collaborator's token, which sees everything and gets the operator refusal under the form.
using System.Net;
using Microsoft.Playwright;
using StageControl.Coordinator;
using StageControl.Coordinator.Collaboration;
using StageControl.Core.Security;
using StageControl.Core.Stage;
using StageControl.Protos.V1;
using StageControl.Rpc;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StageControl.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class CollaboratorsPageTests(DashboardStage stage, ChromiumBrowser chromium, ITestOutputHelper output)
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i * 11)).ToArray();

    // Counts the pixels of the canvas within radius r of (x, y) that are the marker's magenta (sRGB 255, 0, 255).
    private const string CountMagentaScript = """
        ([x, y, r]) => {
          const c = document.getElementById('stage-view');
          const d = c.getContext('2d').getImageData(Math.round(x - r), Math.round(y - r), 2 * r + 1, 2 * r + 1).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i] > 220 && d[i + 1] < 60 && d[i + 2] > 220 && d[i + 3] > 200) n++;
          }
          return n;
        }
        """;

    static CollaboratorsPageTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task CollaboratorOverGrpc_VirtualCameraAndAnnotation_ListedAndMarkerDrawnWhereProjected()
    {
        // Arrange: the page is open before the collaborator acts (the 4 Hz status poll must bring the change in).
        using var channel = RpcChannel.ForAddress(stage.Coordinator.GrpcUri);
        var collab = new CollaboratorService.CollaboratorServiceClient(channel.CreateCallInvoker());
        await using var context = await chromium.NewContextAsync();
        var page = await ChromiumBrowser.NewPageAsync(context, output);
        await page.GotoAsync(stage.Coordinator.HttpUri.ToString());
        await Expect(page.Locator("#virtual-table tbody")).ToContainTextAsync("no collaborator has a virtual camera");
        var position = new Vec3 { X = 0.5, Y = 2.2, Z = -2.5 };
        Annotation? note = null;
        try
        {
            // Act: without tokens the caller is "local".
            await collab.SetVirtualCameraAsync(
                new SetVirtualCameraRequest { Position = new Vec3 { X = -1.5, Y = 1.8, Z = 0 }, Orientation = new Quat { W = 1 }, VerticalFovDeg = 30 },
                Deadline());
            note = await collab.AddAnnotationAsync(
                new AddAnnotationRequest { Text = "move the key light here", Position = position, Color = new Rgba { Red = 1, Blue = 1, Alpha = 1 } },
                Deadline());

            // Assert: the card lists both.
            var camera = page.Locator("#virtual-table tr[data-camera='virtual/local']");
            await Expect(camera.Locator("td.subject")).ToHaveTextAsync("local");
            await Expect(camera.Locator("td.updated")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d s ago$"));
            var row = page.Locator($"#annotations-table tr[data-annotation='{note.Id}']");
            await Expect(row.Locator("td.annotation-text")).ToHaveTextAsync("move the key light here");
            await Expect(row.Locator("td.annotation-author")).ToHaveTextAsync("local");
            await Expect(row.Locator("td.annotation-position")).ToHaveTextAsync("0.50, 2.20, -2.50");
            await Expect(page.Locator("#annotation-authors")).ToHaveTextAsync("local: 1");

            // The view: the virtual camera and the marker are drawn, the marker where the page's projection puts the
            // annotation's position, in its colour; the same patch about the wall's mirror point has none.
            await page.WaitForFunctionAsync(
                "id => { const v = window.stageControlView; return v.items.some(i => i.kind === 'annotation' && i.id === id) && v.items.some(i => i.kind === 'virtual' && i.label === 'virtual/local'); }",
                note.Id);
            var projected = await page.EvaluateAsync<double[]>("p => window.stageControlView.project(p.x, p.y, p.z)", new { x = position.X, y = position.Y, z = position.Z });
            var drawn = await page.EvaluateAsync<double[]>("id => { const i = window.stageControlView.items.find(i => i.id === id); return [i.x, i.y]; }", note.Id);
            var mirror = await page.EvaluateAsync<double[]>("p => window.stageControlView.project(p.x, p.y, p.z)", new { x = -position.X, y = position.Y, z = position.Z });
            var canvasWidth = await page.EvaluateAsync<int>("() => document.getElementById('stage-view').width");
            Assert.InRange(projected[0], 10, canvasWidth - 10);
            Assert.InRange(projected[1], 10, 410);
            Assert.Equal(projected[0], drawn[0], 3);
            Assert.Equal(projected[1], drawn[1], 3);
            var atMarker = await page.EvaluateAsync<int>(CountMagentaScript, new[] { projected[0], projected[1], 4 });
            var atMirror = await page.EvaluateAsync<int>(CountMagentaScript, new[] { mirror[0], mirror[1], 4 });
            Assert.True(atMarker >= 40, $"{atMarker} of 81 pixels around ({projected[0]:0.0}, {projected[1]:0.0}) are the marker's magenta");
            Assert.Equal(0, atMirror);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.ResultsDirectory(), "dashboard-collaborators.png"), FullPage = true });
        }
        finally
        {
            // The other tests expect the fixture's one tracked camera and no annotations.
            await collab.ClearVirtualCameraAsync(new ClearVirtualCameraRequest(), Deadline());
            if (note is not null)
            {
                await collab.RemoveAnnotationAsync(new RemoveAnnotationRequest { Id = note.Id }, Deadline());
            }
        }
    }

    [Fact]
    public async Task SecondarySite_CollaboratorToken_ShowsLinkRemoteCameraOwnCameraAndRefusesOperatorInline()
    {
        // Arrange: a primary "hq" where carol's virtual camera stands, and a secondary "stage-b" that checks tokens,
        // linked to it; bob (collaborator) sets his virtual camera on stage-b over gRPC and opens stage-b's page.
        await using var primary = await StartSiteAsync(new FederationOptions { Site = "hq" }, secret: null);
        primary.Runtime.Collaborators.SetCamera(new Collaborator("carol", false), Camera(x: 0.8), primary.Runtime.Clock.Time.GetTimestamp());
        await using var secondary = await StartSiteAsync(new FederationOptions { Site = "stage-b", Join = primary.GrpcUri }, Secret);
        var bob = new TokenAuthority(Secret).Issue(AccessRole.Collaborator, TimeSpan.FromHours(1), "bob").Token;
        using var channel = RpcChannel.ForAddress(secondary.GrpcUri);
        await new CollaboratorService.CollaboratorServiceClient(channel.CreateCallInvoker()).SetVirtualCameraAsync(Camera(x: -0.8), Deadline(bob));
        var version = secondary.Runtime.Operator.Current.Version;
        await using var context = await chromium.NewContextAsync();
        var errors = new List<string>();
        var page = await ChromiumBrowser.NewPageAsync(context, output, errors);
        await page.GotoAsync(new Uri(secondary.HttpUri, "/?token=" + Uri.EscapeDataString(bob)).ToString());

        // Assert: the link, the remote site with its (relayed) camera, bob's own camera, in the card and the view.
        var figures = page.Locator("#federation-figures");
        await Expect(figures.Locator("dd[data-figure='role']")).ToHaveTextAsync("secondary (site stage-b)");
        await Expect(figures.Locator("dd[data-figure='link']")).ToHaveTextAsync("locked");
        await Expect(figures.Locator("dd[data-figure='primary']")).ToHaveTextAsync(primary.GrpcUri.ToString());
        await Expect(figures.Locator("dd[data-figure='offset']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d+\.\d ± \d+\.\d µs$"));
        await Expect(figures.Locator("dd[data-figure='delay']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ frames?$"));
        var hq = page.Locator("#peers-table tr[data-site='hq']");
        await Expect(hq.Locator("td.site-state")).ToHaveTextAsync("linked");
        await Expect(hq.Locator("td.site-camera")).ToContainTextAsync("cam-a");
        await Expect(hq.Locator("td.site-cameras")).ToContainTextAsync("hq/virtual/carol");
        await Expect(page.Locator("#virtual-table tr[data-camera='virtual/bob'] td.subject")).ToHaveTextAsync("bob");
        // The live-camera choices offer the linked site's tracked camera, never a collaborator's virtual one.
        await Expect(page.Locator("#op-camera option[value='hq/cam-a']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#op-camera option[value='hq/virtual/carol']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#op-camera option[value='virtual/bob']")).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync(
            "() => { const v = window.stageControlView; return v.items.some(i => i.kind === 'remote' && i.label === 'hq/virtual/carol') && v.items.some(i => i.kind === 'virtual' && i.label === 'virtual/bob'); }");

        // Act: bob tries the operator form.
        await Expect(page.Locator("#op-apply")).ToBeEnabledAsync(); // the form opens once the current controls are shown
        await page.Locator("#op-overscan").FillAsync("20");
        await page.Locator("#op-apply").ClickAsync();

        // Assert: the refusal under the form, the form back on the live controls and closed, the page still live.
        await Expect(page.Locator("#operator-error")).ToHaveTextAsync("role 'collaborator' may not call POST /api/operator (allowed: technician, operator)");
        await Expect(page.Locator("#op-apply")).ToBeDisabledAsync();
        await Expect(page.Locator("#op-overscan")).ToHaveValueAsync("0");
        await Expect(page.Locator("#token-box")).ToBeHiddenAsync();
        var frame = await page.Locator("#frame").InnerTextAsync();
        await Expect(page.Locator("#frame")).Not.ToHaveTextAsync(frame);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.ResultsDirectory(), "dashboard-remote-collaborator.png"), FullPage = true });
        Assert.Equal(version, secondary.Runtime.Operator.Current.Version);
        Assert.Empty(errors);
    }

    private static SetVirtualCameraRequest Camera(double x) => new()
    {
        Position = new Vec3 { X = x, Y = 1.7, Z = 1 },
        Orientation = new Quat { W = 1 },
        VerticalFovDeg = 35,
    };

    private static CallOptions Deadline(string? token = null) => new(
        Headers: token is null ? null : new Metadata { { "authorization", "Bearer " + token } },
        Deadline: DateTime.UtcNow.AddSeconds(10));

    // A coordinator on the fixture's tiny stage with no nodes and no tracker: the page needs only its status.
    private static Task<CoordinatorHost> StartSiteAsync(FederationOptions federation, byte[]? secret) =>
        CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = StageConfigLoader.Parse(DashboardStage.TinyJson).Config!,
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            TokenSecret = secret,
            Federation = federation,
        });
}
