using StageControl.Core.Geometry;

namespace StageControl.Core.Calibration;

/// <summary>One surveyed correspondence: a point as the tracker reports it and the same point in stage space
/// (metres, right-handed, +Y up; shared/notes/math.md §1, §8).</summary>
/// <param name="Name">Label of the point (e.g. a panel corner).</param>
/// <param name="Tracker">Position in tracker coordinates.</param>
/// <param name="Stage">Position in stage coordinates.</param>
public readonly record struct PointPair(string Name, Vec3 Tracker, Vec3 Stage);
