namespace StageControl.Tracking.Ingest;

/// <summary>What the numeric arguments of a mapped OSC message set (each argument may be sent as i, h, f or d).</summary>
public enum OscField
{
    /// <summary>Six numbers: x y z (position) then pan tilt roll (or the map's Euler triple).</summary>
    Pose,

    /// <summary>Seven numbers: x y z qx qy qz qw.</summary>
    PoseQuaternion,

    /// <summary>Three numbers: x y z.</summary>
    Position,

    /// <summary>Three numbers: the Euler angles in degrees (pan tilt roll, or the map's convention).</summary>
    Rotation,

    /// <summary>Four numbers: qx qy qz qw in the map's axes.</summary>
    Quaternion,

    /// <summary>One number: pinhole focal length in mm.</summary>
    FocalLength,

    /// <summary>One number: focus distance in metres.</summary>
    Focus,
}
