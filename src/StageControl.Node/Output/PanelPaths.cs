namespace StageControl.Node.Output;

/// <summary>
/// Panel ids (e.g. <c>main/c07r05</c>) → relative file paths (<c>main/c07r05.png</c>). Ids come from the coordinator,
/// so each '/'-separated segment is reduced to <c>[A-Za-z0-9._-]</c> (others become '_'), and empty, "." and ".."
/// segments become "_": a path never leaves the output folder.
/// </summary>
public static class PanelPaths
{
    /// <summary>The relative path of a panel's PNG, with the platform's separator.</summary>
    public static string RelativePng(string panelId)
    {
        ArgumentNullException.ThrowIfNull(panelId);
        var segments = panelId.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Segment(segments[i]);
        }

        return Path.Combine(segments) + ".png";
    }

    /// <summary>One safe path segment.</summary>
    public static string Segment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text == "." || text == "..")
        {
            return "_";
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_';
            }
        });
    }
}
