namespace StageControl.Core.Projection;

/// <summary>
/// An off-centre camera frustum as tangents at unit distance, in the camera frame of shared/notes/math.md §3.2
/// (looking down −Z, +Y up, +X right): a direction (x, y, −1) is inside when Left ≤ x ≤ Right and Bottom ≤ y ≤ Top.
/// A symmetric lens gives (−tan_h, tan_h, −tan_v, tan_v). Multiply by the near distance for the near-plane window.
/// </summary>
/// <param name="Left">l (usually negative).</param>
/// <param name="Right">r.</param>
/// <param name="Bottom">b (usually negative).</param>
/// <param name="Top">t.</param>
public readonly record struct FrustumTangents(double Left, double Right, double Bottom, double Top)
{
    /// <summary>(−halfH, halfH, −halfV, halfV).</summary>
    public static FrustumTangents Symmetric(double tanHalfHorizontal, double tanHalfVertical) =>
        new(-tanHalfHorizontal, tanHalfHorizontal, -tanHalfVertical, tanHalfVertical);

    /// <summary>True when all four are finite, Left &lt; Right and Bottom &lt; Top.</summary>
    public bool IsValid =>
        double.IsFinite(Left) && double.IsFinite(Right) && double.IsFinite(Bottom) && double.IsFinite(Top) &&
        Left < Right && Bottom < Top;

    /// <summary>Total horizontal angle atan(r) − atan(l), degrees.</summary>
    public double HorizontalFovDegrees => Angles.ToDegrees(Math.Atan(Right) - Math.Atan(Left));

    /// <summary>Total vertical angle atan(t) − atan(b), degrees.</summary>
    public double VerticalFovDegrees => Angles.ToDegrees(Math.Atan(Top) - Math.Atan(Bottom));

    /// <summary>The near-plane window at distance <paramref name="near"/> (d is reported as 0).</summary>
    public FrustumExtents ToExtents(double near, double far) =>
        new(Left * near, Right * near, Bottom * near, Top * near, near, far, 0);
}
