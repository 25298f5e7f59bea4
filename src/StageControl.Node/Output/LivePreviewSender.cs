// Live panel previews for the dashboard, sent on the node's session as PanelPreview messages (node.proto).
using System.Diagnostics;
using Google.Protobuf;
using StageControl.Node.Internal;
using StageControl.Protos.V1;
using StageControl.Render;
using StageControl.Render.Output;

namespace StageControl.Node.Output;

/// <summary>
/// After each rendered frame the render loop offers the frame here; when <see cref="PreviewPacer"/> says a preview is
/// due, the due panel is box-downscaled at once (its pixels are overwritten by the next frame) and PNG-encoded on the
/// thread pool, then posted to the session's outbox. Cost on the render thread: one downscale of one panel per
/// preview; the encode never holds up a frame.
/// </summary>
internal sealed class LivePreviewSender(NodeRuntimeOptions options)
{
    private readonly Lock _gate = new();
    private readonly PreviewPacer _pacer = new(options.LivePreviewInterval, options.LivePreviewBytesPerSecond, Stopwatch.Frequency);
    private readonly int _maxSide = Math.Max(1, options.LivePreviewMaxSide);
    private long _sent;

    /// <summary>Previews posted to a session.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Render loop: <paramref name="frame"/> was just rendered; <paramref name="post"/> queues a message on the
    /// session (false when the session is over).</summary>
    public void Offer(RenderedFrame frame, Func<NodeMessage, bool> post)
    {
        var panels = frame.Panels;
        int index;
        lock (_gate)
        {
            if (!_pacer.TryTake(Stopwatch.GetTimestamp(), panels.Count, out index))
            {
                return;
            }
        }

        var image = panels[index];
        var factor = Math.Max(1, (Math.Max(image.Width, image.Height) + _maxSide - 1) / _maxSide);
        var w = (image.Width + factor - 1) / factor;
        var h = (image.Height + factor - 1) / factor;
        var small = new byte[w * h * 4];
        ImageOps.BoxDownscale(image.Pixels.Span, image.Width, image.Height, factor, small);
        var id = image.Panel.Id;
        var frameIndex = frame.FrameIndex;
        var count = panels.Count;
        _ = Task.Run(() => Encode(id, frameIndex, small, w, h, count, post));
    }

    private void Encode(string panelId, long frame, byte[] rgba, int width, int height, int panelCount, Func<NodeMessage, bool> post)
    {
        var png = PngEncoder.Encode(rgba, width, height, bottomUp: true, includeAlpha: false);
        var posted = post(new NodeMessage
        {
            Preview = new PanelPreview
            {
                PanelId = panelId,
                Frame = frame,
                Width = width,
                Height = height,
                Png = ByteString.CopyFrom(png),
            },
        });
        lock (_gate)
        {
            if (posted)
            {
                _pacer.Sent(Stopwatch.GetTimestamp(), png.Length, panelCount);
            }
            else
            {
                _pacer.Failed(Stopwatch.GetTimestamp(), panelCount);
            }
        }

        if (posted)
        {
            Interlocked.Increment(ref _sent);
            NodeTelemetry.PreviewsSent.Add(1);
            NodeTelemetry.PreviewBytes.Add(png.Length);
        }
    }
}
