namespace StageControl.Core.Stage;

/// <summary>
/// An LED processor. <see cref="Outputs"/> are the ports panel strings start from: on a Brompton SX40 the 1G ports
/// of its Tessera XD units, on a Megapixel HELIOS the 1G ports of its switches (hardware/processors/ explains each).
/// </summary>
/// <param name="Id">Processor id, used by node outputs.</param>
/// <param name="Model">Model name.</param>
/// <param name="Outputs">Output ports, numbered from 1.</param>
public sealed record LedProcessor(string Id, string Model, IReadOnlyList<ProcessorOutput> Outputs)
{
    /// <summary>Relative path of the hardware profile these figures come from, if any.</summary>
    public string? Profile { get; init; }

    /// <summary>Most pixels the processor handles in total, if it has a limit beyond its outputs.</summary>
    public long? MaxPixels { get; init; }

    /// <summary>The output with a number, or null.</summary>
    public ProcessorOutput? Output(int number)
    {
        foreach (var o in Outputs)
        {
            if (o.Number == number)
            {
                return o;
            }
        }

        return null;
    }
}
