namespace StageControl.Render;

/// <summary>Figures of one <see cref="RenderBenchmark"/> run (frames per second of one panel of the given size).</summary>
/// <param name="Renderer">GL_RENDERER.</param>
/// <param name="Width">Panel width in pixels.</param>
/// <param name="Height">Panel height in pixels.</param>
/// <param name="Frames">Frames measured per figure.</param>
/// <param name="FramesPerSecond">Outer + inner frustum + composite, glFinish, no read-back.</param>
/// <param name="ReadbackFramesPerSecond">The same plus glReadPixels into a caller buffer.</param>
/// <param name="BaselineFramesPerSecond">A clear-only frame of the same size with read-back (the floor every frame pays).</param>
public sealed record RenderBenchmarkResult(string Renderer, int Width, int Height, int Frames, double FramesPerSecond,
    double ReadbackFramesPerSecond, double BaselineFramesPerSecond);
