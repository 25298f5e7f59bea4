namespace StageControl.Core.Stage;

/// <summary>
/// The arc of a curved wall, in stage space (right-handed, metres, +Y up; shared/notes/math.md §1).
/// <para>Angle convention: an angle θ names the floor direction <c>(sin θ, 0, −cos θ)</c> from the centre.
/// θ = 0 points upstage (−Z), θ = 90° points to +X: angles grow <b>clockwise seen from above</b>, which is a
/// right-hand rotation of −θ about +Y. Column 1 starts at <see cref="StartDeg"/> and columns follow toward
/// <see cref="EndDeg"/>, so, seen from the centre, column 1 is the leftmost.</para>
/// <para>Each column is a flat strip of panels whose two vertical edges stand on the circle (a chord) and
/// whose face points at the centre; a column spans <see cref="ColumnAngleDeg"/> = 2·asin(w / 2R).</para>
/// </summary>
/// <param name="CenterX">Circle centre X on the floor, metres.</param>
/// <param name="CenterZ">Circle centre Z on the floor, metres.</param>
/// <param name="RadiusM">Radius to the panel edges, metres.</param>
/// <param name="StartDeg">Angle of column 1's left edge.</param>
/// <param name="EndDeg">Angle of the last column's right edge.</param>
/// <param name="BottomM">Height of the bottom edge of row 1 above the floor, metres.</param>
/// <param name="ColumnAngleDeg">Angle one column spans.</param>
public sealed record CurvedArc(
    double CenterX, double CenterZ, double RadiusM, double StartDeg, double EndDeg, double BottomM, double ColumnAngleDeg);
