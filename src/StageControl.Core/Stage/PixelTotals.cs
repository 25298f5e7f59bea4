namespace StageControl.Core.Stage;

/// <summary>
/// Panel and pixel totals per render node and per processor / output. Panel ids that do not resolve (only possible
/// on a config that failed validation) and outputs of unknown processors are skipped.
/// </summary>
public static class PixelTotals
{
    /// <summary>Panels and pixels each node drives, in node order.</summary>
    public static IReadOnlyList<NodeLoad> PerNode(StageConfig stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var loads = new List<NodeLoad>(stage.Nodes.Count);
        foreach (var node in stage.Nodes)
        {
            var panels = 0;
            long pixels = 0;
            foreach (var id in node.Panels)
            {
                if (stage.FindPanel(id) is { } p)
                {
                    panels++;
                    pixels += p.PixelCount;
                }
            }

            loads.Add(new NodeLoad(node.Name, panels, pixels));
        }

        return loads;
    }

    /// <summary>Panels and pixels on every processor and each of its outputs, in processor order.</summary>
    public static IReadOnlyList<ProcessorLoad> PerProcessor(StageConfig stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var perOutput = new Dictionary<(string, int), (int Panels, long Pixels)>();
        foreach (var node in stage.Nodes)
        {
            foreach (var output in node.Outputs)
            {
                var key = (output.ProcessorId, output.Output);
                var (panels, pixels) = perOutput.GetValueOrDefault(key);
                foreach (var id in output.Panels)
                {
                    if (stage.FindPanel(id) is { } p)
                    {
                        panels++;
                        pixels += p.PixelCount;
                    }
                }

                perOutput[key] = (panels, pixels);
            }
        }

        var loads = new List<ProcessorLoad>(stage.Processors.Count);
        foreach (var proc in stage.Processors)
        {
            var outputs = new List<OutputLoad>(proc.Outputs.Count);
            var panels = 0;
            long pixels = 0;
            foreach (var o in proc.Outputs)
            {
                var (n, px) = perOutput.GetValueOrDefault((proc.Id, o.Number));
                outputs.Add(new OutputLoad(o.Number, n, px, o.PixelCapacity));
                panels += n;
                pixels += px;
            }

            loads.Add(new ProcessorLoad(proc.Id, proc.Model, panels, pixels, proc.MaxPixels, outputs));
        }

        return loads;
    }
}
