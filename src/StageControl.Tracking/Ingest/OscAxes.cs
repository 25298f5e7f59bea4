namespace StageControl.Tracking.Ingest;

/// <summary>The axis convention of the positions, angles and quaternions an OSC sender uses (protocols.md §2.6).</summary>
public enum OscAxes
{
    /// <summary>
    /// Right-handed, Z up, Y forward (FreeD/OpenTrackIO, protocols.md §3.8): position → (x, z, −y); angles are
    /// pan/tilt/roll in FreeD's signs (<see cref="Mapping.PanTiltRoll"/>).
    /// </summary>
    ZUp,

    /// <summary>Right-handed, Y up, camera looking −Z (the stage axes; ARKit): position as is; angles pan/tilt/roll.</summary>
    YUp,

    /// <summary>
    /// Unity: left-handed, Y up, camera looking +Z (VRChat, VMT): position → (x, y, −z); Euler (x, y, z) degrees are
    /// (pitch down, yaw right, roll counter-clockwise seen from behind), so pan = y, tilt = −x, roll = −z (derived;
    /// verify against a physical pose); quaternion (x, y, z, w) → (−x, −y, z, w).
    /// </summary>
    Unity,
}
