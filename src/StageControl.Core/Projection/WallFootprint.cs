namespace StageControl.Core.Projection;

/// <summary>
/// The keystoned quad the inner frustum's four corner rays draw on a flat wall, in the corner order of
/// shared/notes/math.md §3.3: LB, RB, RT, LT (left/right, bottom/top of the camera image).
/// </summary>
/// <param name="LeftBottom">Ray (l, b, −1).</param>
/// <param name="RightBottom">Ray (r, b, −1).</param>
/// <param name="RightTop">Ray (r, t, −1).</param>
/// <param name="LeftTop">Ray (l, t, −1).</param>
public readonly record struct WallFootprint(FootprintCorner LeftBottom, FootprintCorner RightBottom, FootprintCorner RightTop, FootprintCorner LeftTop)
{
    /// <summary>Corner by index 0..3 (LB, RB, RT, LT).</summary>
    public FootprintCorner this[int index] => index switch
    {
        0 => LeftBottom,
        1 => RightBottom,
        2 => RightTop,
        3 => LeftTop,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
