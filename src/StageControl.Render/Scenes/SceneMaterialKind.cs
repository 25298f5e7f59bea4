namespace StageControl.Render.Scenes;

/// <summary>How a mesh is shaded.</summary>
public enum SceneMaterialKind
{
    /// <summary>Lambert diffuse: base colour (× texture) lit by the scene's directional light plus ambient.</summary>
    Lit = 0,

    /// <summary>Flat base colour, no lighting (markers, emissive bars, digits).</summary>
    Unlit = 1,

    /// <summary>Sky gradient by the direction from the eye (draw on a large box around the stage).</summary>
    Sky = 2,

    /// <summary>Ground grid: 1 m lines, 5 m major lines, red X and blue Z axes, on the mesh's world XZ.</summary>
    Grid = 3,
}
