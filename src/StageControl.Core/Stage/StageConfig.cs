using StageControl.Core.Timing;

namespace StageControl.Core.Stage;

/// <summary>
/// A loaded and validated stage: the LED walls expanded into panels, the processors, the render nodes with the
/// panels each drives, and the tracked cameras. Obtain one from <see cref="StageConfigLoader"/>; the format is
/// documented in configs/README.md. Stage space is right-handed, metres, +Y up (shared/notes/math.md §1).
/// </summary>
/// <param name="name">Stage name.</param>
/// <param name="frameRate">Project frame rate.</param>
/// <param name="panelTypes">Panel types.</param>
/// <param name="walls">Walls, in config order.</param>
/// <param name="processors">LED processors.</param>
/// <param name="nodes">Render nodes.</param>
/// <param name="cameras">Tracked cameras.</param>
public sealed class StageConfig(
    string name,
    FrameRate frameRate,
    IReadOnlyList<PanelType> panelTypes,
    IReadOnlyList<Wall> walls,
    IReadOnlyList<LedProcessor> processors,
    IReadOnlyList<RenderNode> nodes,
    IReadOnlyList<CameraConfig> cameras)
{
    private Dictionary<string, StagePanel>? _panelsById;
    private Dictionary<string, string>? _nodeByPanel;

    /// <summary>Stage name.</summary>
    public string Name { get; } = name;

    /// <summary>Project frame rate.</summary>
    public FrameRate FrameRate { get; } = frameRate;

    /// <summary>Panel types.</summary>
    public IReadOnlyList<PanelType> PanelTypes { get; } = panelTypes;

    /// <summary>Walls, in config order.</summary>
    public IReadOnlyList<Wall> Walls { get; } = walls;

    /// <summary>LED processors.</summary>
    public IReadOnlyList<LedProcessor> Processors { get; } = processors;

    /// <summary>Render nodes.</summary>
    public IReadOnlyList<RenderNode> Nodes { get; } = nodes;

    /// <summary>Tracked cameras.</summary>
    public IReadOnlyList<CameraConfig> Cameras { get; } = cameras;

    /// <summary>Every panel of every wall, in wall order.</summary>
    public IEnumerable<StagePanel> Panels
    {
        get
        {
            foreach (var wall in Walls)
            {
                foreach (var panel in wall.Panels)
                {
                    yield return panel;
                }
            }
        }
    }

    /// <summary>Number of panels.</summary>
    public int PanelCount
    {
        get
        {
            var n = 0;
            foreach (var wall in Walls)
            {
                n += wall.Panels.Count;
            }

            return n;
        }
    }

    /// <summary>Total pixels on every wall.</summary>
    public long PixelCount
    {
        get
        {
            long n = 0;
            foreach (var wall in Walls)
            {
                n += wall.PixelCount;
            }

            return n;
        }
    }

    /// <summary>The panel with an id, or null.</summary>
    public StagePanel? FindPanel(string id)
    {
        _panelsById ??= Panels.ToDictionary(p => p.Id, StringComparer.Ordinal);
        return _panelsById.GetValueOrDefault(id);
    }

    /// <summary>The name of the node that drives a panel, or null (a validated config has none undriven).</summary>
    public string? NodeForPanel(string panelId)
    {
        if (_nodeByPanel is null)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in Nodes)
            {
                foreach (var id in node.Panels)
                {
                    map.TryAdd(id, node.Name);
                }
            }

            _nodeByPanel = map;
        }

        return _nodeByPanel.GetValueOrDefault(panelId);
    }

    /// <summary>The panels a node drives, resolved, or an empty list for an unknown node.</summary>
    public IReadOnlyList<StagePanel> PanelsOf(string nodeName)
    {
        foreach (var node in Nodes)
        {
            if (string.Equals(node.Name, nodeName, StringComparison.Ordinal))
            {
                var list = new List<StagePanel>(node.Panels.Count);
                foreach (var id in node.Panels)
                {
                    if (FindPanel(id) is { } p)
                    {
                        list.Add(p);
                    }
                }

                return list;
            }
        }

        return [];
    }
}
