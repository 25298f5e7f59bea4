// The built-in procedural scene: it reads well on an LED wall and makes sync errors visible (issue 5).
using System.Numerics;

namespace StageControl.Render.Scenes;

/// <summary>
/// Sky gradient, a ground grid (1 m / 5 m lines, red X axis, blue Z axis), coloured landmarks at known stage positions,
/// a six-digit seven-segment frame counter, and a leaning magenta bar that sweeps across the wall with the frame index
/// (<see cref="DefaultSceneOptions"/>). Every node that moves is updated in place; <see cref="Update"/> allocates nothing.
/// <list type="bullet">
/// <item>Red pillar at (−4, 0, −12), green pillar at (4, 0, −12): 0.8 × 5 × 0.8 m.</item>
/// <item>Blue block at (0, 0, −16): 3 × 1.5 × 1.5 m. Yellow pillar at (−12, 0, −4), cyan pillar at (12, 0, −4).</item>
/// <item>White cloud slab at (0, 14, −5), 3 × 0.5 × 3 m, for ceilings.</item>
/// <item>Frame counter (frame mod 10⁶) centred at (0, 3.6, −11), digits 0.5 × 0.9 m, facing +Z.</item>
/// </list>
/// </summary>
public sealed class DefaultScene : IScene
{
    /// <summary>Digits of the frame counter.</summary>
    public const int CounterDigits = 6;

    /// <summary>Centre of the frame counter, stage metres.</summary>
    public static readonly Vector3 CounterCenter = new(0, 3.6f, -11);

    /// <summary>Colour of the sweep bar (unlit).</summary>
    public static readonly Vector4 BarColor = new(1, 0, 1, 1);

    // Seven-segment patterns, bit 0 = a (top) … bit 6 = g (middle).
    private static ReadOnlySpan<byte> Patterns => [0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F];

    private static readonly Vector4 s_segmentOn = new(1f, 0.85f, 0.1f, 1);
    private static readonly Vector4 s_segmentOff = new(0.12f, 0.1f, 0.08f, 1);

    private readonly DefaultSceneOptions _options;
    private readonly int _barNode;
    private readonly int _firstSegmentNode;
    private readonly long _period;

    /// <summary>Builds the scene; <paramref name="extra"/> (e.g. a loaded .glb) is drawn in it, unchanged.</summary>
    public DefaultScene(DefaultSceneOptions? options = null, SceneContent? extra = null)
    {
        _options = options ?? new DefaultSceneOptions();
        if (!(_options.BarDegreesPerFrame > 0) || !(_options.BarEndDegrees > _options.BarStartDegrees))
        {
            throw new ArgumentException("The bar needs a positive step and an end beyond its start.", nameof(options));
        }

        _period = (long)Math.Floor((_options.BarEndDegrees - _options.BarStartDegrees) / _options.BarDegreesPerFrame) + 1;

        var meshes = new List<SceneMesh>
        {
            MeshFactory.Cube(new SceneMaterial(Vector4.One, SceneMaterialKind.Sky)),
            MeshFactory.FloorQuad(new SceneMaterial(Vector4.One, SceneMaterialKind.Grid)),
            MeshFactory.Cube(SceneMaterial.Lit(1, 1, 1)),
            MeshFactory.Cube(SceneMaterial.Unlit(1, 1, 1)),
        };
        const int Sky = 0, Ground = 1, LitCube = 2, UnlitCube = 3;

        var nodes = new List<SceneNode>();
        void Block(float x, float z, float w, float h, float d, float yBottom, Vector4 color) =>
            nodes.Add(new SceneNode(LitCube, Matrix4x4.CreateScale(w, h, d) * Matrix4x4.CreateTranslation(x, yBottom + (h / 2), z), true, color));

        Block(-4, -12, 0.8f, 5, 0.8f, 0, new Vector4(0.9f, 0.12f, 0.1f, 1));
        Block(4, -12, 0.8f, 5, 0.8f, 0, new Vector4(0.1f, 0.8f, 0.2f, 1));
        Block(0, -16, 3, 1.5f, 1.5f, 0, new Vector4(0.15f, 0.3f, 0.95f, 1));
        Block(-12, -4, 0.8f, 5, 0.8f, 0, new Vector4(0.95f, 0.85f, 0.1f, 1));
        Block(12, -4, 0.8f, 5, 0.8f, 0, new Vector4(0.1f, 0.85f, 0.9f, 1));
        Block(0, -5, 3, 0.5f, 3, 13.75f, new Vector4(0.95f, 0.95f, 0.95f, 1));

        // Counter backing plate, then the segments.
        const float DigitPitch = 0.65f;
        var width = (CounterDigits * DigitPitch) + 0.3f;
        Block(CounterCenter.X, CounterCenter.Z - 0.1f, width, 1.4f, 0.05f, CounterCenter.Y - 0.7f, new Vector4(0.05f, 0.05f, 0.06f, 1));
        _firstSegmentNode = nodes.Count;
        for (var digit = 0; digit < CounterDigits; digit++)
        {
            var cx = CounterCenter.X + ((digit - ((CounterDigits - 1) / 2f)) * DigitPitch);
            for (var segment = 0; segment < 7; segment++)
            {
                var (sx, sy, w, h) = SegmentBox(segment);
                var world = Matrix4x4.CreateScale(w, h, 0.04f) * Matrix4x4.CreateTranslation(cx + sx, CounterCenter.Y + sy, CounterCenter.Z);
                nodes.Add(new SceneNode(UnlitCube, world, true, s_segmentOff));
            }
        }

        _barNode = nodes.Count;
        nodes.Add(new SceneNode(UnlitCube, Matrix4x4.Identity, true, BarColor));
        if (extra is not null)
        {
            var first = meshes.Count;
            meshes.AddRange(extra.Meshes);
            foreach (var node in extra.Nodes)
            {
                nodes.Add(node with { Mesh = node.Mesh + first });
            }
        }

        // Ground and sky last: they cover most pixels, and drawn behind what is already in the depth buffer they cost
        // only the uncovered fragments (early depth test).
        nodes.Add(SceneNode.Of(Ground, Matrix4x4.CreateScale(900, 1, 900)));
        nodes.Add(SceneNode.Of(Sky, Matrix4x4.CreateScale(900)));
        Content = new SceneContent(meshes, [.. nodes], new Vector3(-0.4f, -1f, -0.6f));
        Update(0);
    }

    /// <inheritdoc />
    public SceneContent Content { get; }

    /// <summary>The options in use.</summary>
    public DefaultSceneOptions Options => _options;

    /// <summary>Frames before the bar returns to its start.</summary>
    public long BarPeriodFrames => _period;

    /// <summary>The bar's azimuth θ at a frame, degrees.</summary>
    public double BarAzimuthDegrees(long frameIndex)
    {
        var k = frameIndex % _period;
        if (k < 0)
        {
            k += _period;
        }

        return _options.BarStartDegrees + (_options.BarDegreesPerFrame * k);
    }

    /// <summary>The frame counter's value at a frame (frame mod 10⁶, non-negative).</summary>
    public static int CounterValue(long frameIndex)
    {
        var v = frameIndex % 1_000_000;
        return (int)(v < 0 ? v + 1_000_000 : v);
    }

    /// <inheritdoc />
    public void Update(long frameIndex)
    {
        var nodes = Content.Nodes;
        var value = CounterValue(frameIndex);
        for (var digit = CounterDigits - 1; digit >= 0; digit--)
        {
            var pattern = Patterns[value % 10];
            value /= 10;
            for (var segment = 0; segment < 7; segment++)
            {
                ref var node = ref nodes[_firstSegmentNode + (digit * 7) + segment];
                node.Color = (pattern & (1 << segment)) != 0 ? s_segmentOn : s_segmentOff;
            }
        }

        var theta = double.DegreesToRadians(BarAzimuthDegrees(frameIndex));
        var lean = (float)double.DegreesToRadians(_options.BarLeanDegrees);
        var radius = _options.BarRadiusM;
        var pivot = (float)_options.BarPivotHeightM;
        const float Bottom = -0.5f, Top = 9f;
        nodes[_barNode].World =
            Matrix4x4.CreateScale((float)_options.BarWidthM, Top - Bottom, 0.1f) *
            Matrix4x4.CreateTranslation(0, ((Top + Bottom) / 2) - pivot, 0) *
            Matrix4x4.CreateRotationZ(lean) *
            Matrix4x4.CreateRotationY((float)-theta) *
            Matrix4x4.CreateTranslation((float)(radius * Math.Sin(theta)), pivot, (float)(-radius * Math.Cos(theta)));
    }

    /// <summary>Centre offset and size of segment a..g within a 0.5 × 0.9 m digit.</summary>
    private static (float X, float Y, float W, float H) SegmentBox(int segment)
    {
        const float T = 0.09f, W = 0.5f, H = 0.9f;
        return segment switch
        {
            0 => (0, H / 2, W, T),
            1 => (W / 2, H / 4, T, H / 2),
            2 => (W / 2, -H / 4, T, H / 2),
            3 => (0, -H / 2, W, T),
            4 => (-W / 2, -H / 4, T, H / 2),
            5 => (-W / 2, H / 4, T, H / 2),
            _ => (0, 0, W, T),
        };
    }
}
