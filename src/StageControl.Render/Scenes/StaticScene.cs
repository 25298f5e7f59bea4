namespace StageControl.Render.Scenes;

/// <summary>A scene that does not move (e.g. a loaded glTF model, or test content).</summary>
/// <param name="content">What to draw.</param>
public sealed class StaticScene(SceneContent content) : IScene
{
    /// <inheritdoc />
    public SceneContent Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <inheritdoc />
    public void Update(long frameIndex)
    {
    }
}
