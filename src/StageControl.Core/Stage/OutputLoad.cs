namespace StageControl.Core.Stage;

/// <summary>The load on one processor output.</summary>
/// <param name="Output">1-based output number.</param>
/// <param name="Panels">Panels on it.</param>
/// <param name="Pixels">Pixels on it.</param>
/// <param name="Capacity">Its pixel capacity.</param>
public sealed record OutputLoad(int Output, int Panels, long Pixels, long Capacity)
{
    /// <summary>Pixels ÷ capacity (1 = full).</summary>
    public double Fraction => Capacity > 0 ? (double)Pixels / Capacity : 0;
}
