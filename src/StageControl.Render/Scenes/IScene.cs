namespace StageControl.Render.Scenes;

/// <summary>
/// Content a <see cref="StageRenderer"/> draws. The renderer uploads <see cref="Content"/>'s meshes once, then calls
/// <see cref="Update"/> once per frame (on its render thread) before drawing every panel of that frame, so all panels
/// and both frusta show the same instant. Update should not allocate.
/// </summary>
public interface IScene
{
    /// <summary>Meshes and nodes.</summary>
    SceneContent Content { get; }

    /// <summary>Moves nodes to where they are at <paramref name="frameIndex"/>.</summary>
    void Update(long frameIndex);
}
