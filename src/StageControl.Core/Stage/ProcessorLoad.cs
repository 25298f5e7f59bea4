namespace StageControl.Core.Stage;

/// <summary>The load on one LED processor.</summary>
/// <param name="Id">Processor id.</param>
/// <param name="Model">Model.</param>
/// <param name="Panels">Panels on it.</param>
/// <param name="Pixels">Pixels on it.</param>
/// <param name="MaxPixels">Its total limit, if it has one.</param>
/// <param name="Outputs">Every output with its load (unused outputs carry 0).</param>
public sealed record ProcessorLoad(string Id, string Model, int Panels, long Pixels, long? MaxPixels, IReadOnlyList<OutputLoad> Outputs)
{
    /// <summary>Outputs with at least one panel.</summary>
    public int OutputsUsed => Outputs.Count(o => o.Panels > 0);
}
