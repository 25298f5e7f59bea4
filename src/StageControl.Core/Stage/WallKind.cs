namespace StageControl.Core.Stage;

/// <summary>How a wall's panels are laid out (config field <c>kind</c>).</summary>
public enum WallKind
{
    /// <summary><c>"flat"</c>: a planar section given by its corner points.</summary>
    Flat,

    /// <summary><c>"curved"</c>: flat panel columns whose vertical edges lie on a circle (chords), facing the centre.</summary>
    Curved,

    /// <summary><c>"ceiling"</c>: a horizontal section facing down.</summary>
    Ceiling,
}
