using StageControl.Core.Geometry;
using StageControl.Core.Projection;
using StageControl.Render.Gl;
using StageControl.Render.Scenes;

namespace StageControl.Render.Tests;

/// <summary>The EGL/GL backend: start-up facts, GPU requirement, GL errors as exceptions, threading, allocation.</summary>
public sealed class BackendTests
{
    private static readonly PanelQuad s_panel = TestPanels.Flat("p", new Vec3(0, 1.5, -4), 0, 3, 2, 48, 32);

    [Fact]
    public void Create_Headless_ReportsAnOpenGlCoreContextAndLogsIt()
    {
        // Arrange
        var lines = new List<string>();

        // Act
        using var renderer = StageRenderer.Create([s_panel], new DefaultScene(), new RenderOptions { Log = lines.Add });

        // Assert
        Assert.Equal("OpenGL", renderer.Info.Api);
        Assert.Matches(@"^[3-9]\.\d", renderer.Info.Version);
        Assert.Contains("Core Profile", renderer.Info.Version, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(renderer.Info.Renderer));
        var line = Assert.Single(lines);
        Assert.Contains(renderer.Info.Renderer, line, StringComparison.Ordinal);
        Assert.Contains(renderer.Info.Version, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RequireGpuOnSoftwareRenderer_FailsNamingTheRenderer()
    {
        // Arrange: find out what this machine renders with.
        RendererInfo info;
        using (var probe = StageRenderer.Create([s_panel], new DefaultScene()))
        {
            info = probe.Info;
        }

        // Act
        var error = Record.Exception(() =>
        {
            using var renderer = StageRenderer.Create([s_panel], new DefaultScene(), new RenderOptions { RequireGpu = true });
        });

        // Assert: refused exactly when the renderer is a software rasteriser (llvmpipe here; a GPU machine passes).
        if (info.IsSoftware)
        {
            var e = Assert.IsType<GraphicsException>(error);
            Assert.Contains("GPU was required", e.Message, StringComparison.Ordinal);
            Assert.Contains(info.Renderer, e.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(error);
        }
    }

    [Theory]
    [InlineData("llvmpipe (LLVM 15.0.6, 256 bits)", true)]
    [InlineData("softpipe", true)]
    [InlineData("NVIDIA H100 80GB HBM3/PCIe/SSE2", false)]
    [InlineData("AMD Radeon Graphics (radeonsi, gfx1036, LLVM 15.0.6, DRM 3.49)", false)]
    public void IsSoftware_RendererStrings_ClassifiesSoftwareRasterisers(string renderer, bool software)
    {
        // Arrange
        var info = new RendererInfo("OpenGL", "v", renderer, "4.5", "p");

        // Act / Assert
        Assert.Equal(software, info.IsSoftware);
    }

    [Fact]
    public unsafe void GlCall_InvalidEnum_ThrowsNamingTheCallAndError()
    {
        // Arrange
        using var renderer = StageRenderer.Create([s_panel], new DefaultScene());

        // Act
        var error = renderer.OnRenderThread(() => Record.Exception(() => renderer.Gl.BindTexture((TextureTarget)0x1234, 0)));
        var after = renderer.OnRenderThread(() => renderer.Gl.GetError());

        // Assert: the message names the call and the error; the error flag is cleared for the next call.
        var e = Assert.IsType<GraphicsException>(error);
        Assert.Equal("glBindTexture failed: GL_INVALID_ENUM (0x0500).", e.Message);
        Assert.Equal(GLEnum.NoError, after);
        Assert.NotNull(renderer.RenderFrame(0, [], OperatorState.OuterOnly));
    }

    [Fact]
    public async Task RenderFrameAsync_FromPoolThreads_RunsOnTheRenderThreadAndResumesOffIt()
    {
        // Arrange
        using var renderer = StageRenderer.Create([s_panel], new DefaultScene());
        var renderThread = renderer.OnRenderThread(() => Environment.CurrentManagedThreadId);

        // Act
        var frame = await renderer.RenderFrameAsync(42, [], OperatorState.OuterOnly);
        var resumedOn = Environment.CurrentManagedThreadId;

        // Assert
        Assert.Equal(42, frame.FrameIndex);
        Assert.NotEqual(renderThread, resumedOn);
    }

    [Fact]
    public void RenderFrame_SameInputs_ByteIdenticalAndFrameIndexMatters()
    {
        // Arrange
        using var renderer = StageRenderer.Create([s_panel], new DefaultScene());

        // Act
        var a = renderer.RenderFrame(10, [], OperatorState.OuterOnly).Panels[0].Pixels.ToArray();
        var b = renderer.RenderFrame(10, [], OperatorState.OuterOnly).Panels[0].Pixels.ToArray();
        var c = renderer.RenderFrame(11, [], OperatorState.OuterOnly).Panels[0].Pixels.ToArray();

        // Assert
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void RenderFrameCore_WarmWithInnerFrustum_AllocatesNothing()
    {
        // Arrange: two panels, a camera covering one of them, a moving scene.
        var second = TestPanels.Flat("q", new Vec3(3.2, 1.5, -3), 30, 3, 2, 40, 30);
        using var renderer = StageRenderer.Create([s_panel, second], new DefaultScene());
        var camera = RenderCamera.FromPose("A", new CameraPose(new Vec3(0, 1.5, 0), Quat.Identity), new CameraOptics(36, 24, 50));
        RenderCamera[] cameras = [camera];
        var op = new OperatorState("A", 10, 0.1);
        renderer.RenderFrame(0, cameras, op);
        renderer.RenderFrame(1, cameras, op);

        // Act: measured on the render thread, where the frame path runs.
        var (allocated, inner) = renderer.OnRenderThread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            RenderedFrame? frame = null;
            for (var i = 2; i < 12; i++)
            {
                frame = renderer.RenderFrameCore(i, cameras, op);
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before, frame!.Panels[0].HasInner);
        });

        // Assert
        Assert.True(inner);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RenderPanel_CallerBuffer_ReceivesTheSamePixelsAsRenderFrame()
    {
        // Arrange
        using var renderer = StageRenderer.Create([s_panel], new DefaultScene());
        var buffer = new byte[s_panel.PixelsX * s_panel.PixelsY * 4];

        // Act
        renderer.RenderPanel(0, 7, [], OperatorState.OuterOnly, buffer);
        var frame = renderer.RenderFrame(7, [], OperatorState.OuterOnly).Panels[0].Pixels.ToArray();

        // Assert
        Assert.Equal(frame, buffer);
        Assert.Throws<ArgumentException>(() => renderer.RenderPanel(0, 7, [], OperatorState.OuterOnly, new byte[16]));
    }

    [Fact]
    public void Create_PanelFacingAwayFromOuterEye_FailsNamingThePanel()
    {
        // Arrange: a panel whose front faces −Z, with the eye in front of... its back.
        var backwards = TestPanels.Flat("wall/c09r01", new Vec3(0, 1.5, -4), 180, 3, 2, 8, 8);

        // Act
        var e = Assert.Throws<ArgumentException>(() => StageRenderer.Create([backwards], new DefaultScene()));

        // Assert
        Assert.Contains("wall/c09r01", e.Message, StringComparison.Ordinal);
        Assert.Contains("outer eye", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForNode_DemoNode_RendersEveryPanelOfTheNodeAtItsPixelSize()
    {
        // Arrange
        var demo = TestPanels.Demo;

        // Act
        using var renderer = StageRenderer.ForNode(demo, "node-4", new DefaultScene());

        // Assert: node-4 drives main columns 22–28 and the ceiling; sizes come from the panel types.
        Assert.Equal(demo.PanelsOf("node-4").Count, renderer.Panels.Count);
        Assert.Contains(renderer.Panels, p => p.Id.StartsWith("ceiling/", StringComparison.Ordinal) && p.PixelsX == 104 && p.PixelsY == 208);
        Assert.Throws<ArgumentException>(() => StageRenderer.ForNode(demo, "node-9", new DefaultScene()));
    }
}
