namespace StageControl.Core.Stage;

/// <summary>
/// One LED panel (tile) model as the config's <c>panelTypes</c> lists it: physical size in millimetres and
/// pixel grid. The figures normally come from a profile under <c>hardware/panels/</c> (named by
/// <see cref="Profile"/>); they are copied inline so a config validates on its own.
/// </summary>
/// <param name="Id">Id used by walls, e.g. <c>bp2v2</c>.</param>
/// <param name="Manufacturer">Maker, e.g. <c>ROE Visual</c>.</param>
/// <param name="Model">Model name, e.g. <c>Black Pearl BP2V2</c>.</param>
/// <param name="WidthMm">Active width in mm (along the pixel rows).</param>
/// <param name="HeightMm">Active height in mm.</param>
/// <param name="PixelsX">Pixels across.</param>
/// <param name="PixelsY">Pixels down.</param>
/// <param name="PitchMm">Pixel pitch in mm.</param>
public sealed record PanelType(
    string Id, string Manufacturer, string Model, double WidthMm, double HeightMm, int PixelsX, int PixelsY, double PitchMm)
{
    /// <summary>Relative path of the hardware profile these figures were copied from, if any.</summary>
    public string? Profile { get; init; }

    /// <summary>Weight in kg, if known.</summary>
    public double? WeightKg { get; init; }

    /// <summary>Maximum brightness in nits (cd/m²), if known.</summary>
    public double? MaxNits { get; init; }

    /// <summary>Pixels per panel.</summary>
    public long PixelCount => (long)PixelsX * PixelsY;

    /// <summary>Width in metres.</summary>
    public double WidthM => WidthMm / 1000.0;

    /// <summary>Height in metres.</summary>
    public double HeightM => HeightMm / 1000.0;
}
