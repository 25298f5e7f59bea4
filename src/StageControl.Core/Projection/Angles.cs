namespace StageControl.Core.Projection;

/// <summary>Degree/radian conversion.</summary>
internal static class Angles
{
    public static double ToDegrees(double radians) => radians * (180.0 / Math.PI);

    public static double ToRadians(double degrees) => degrees * (Math.PI / 180.0);
}
