namespace StageControl.Cli.Internal;

/// <summary>What <see cref="OverviewImage.Write"/> drew.</summary>
/// <param name="Width">Overview width, pixels.</param>
/// <param name="Height">Overview height, pixels.</param>
/// <param name="Factor">The box-downscale factor applied to every panel.</param>
/// <param name="Placed">Panels drawn from their PNG.</param>
/// <param name="Missing">Panels without a readable PNG (drawn dark red).</param>
internal sealed record OverviewResult(int Width, int Height, int Factor, int Placed, int Missing);
