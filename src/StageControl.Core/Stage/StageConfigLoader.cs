using System.Text.Json;

namespace StageControl.Core.Stage;

/// <summary>
/// Loads a stage config (JSON, System.Text.Json; format in configs/README.md). Loading never throws on bad input:
/// it returns every problem, each with a JSONPath and a message, and a <see cref="StageConfig"/> only when there
/// are none. Comments (<c>//</c>, <c>/* */</c>) are allowed in the file; trailing commas are not.
/// </summary>
public static class StageConfigLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Reads and validates the config at <paramref name="path"/>. A file that cannot be read is reported as
    /// one <see cref="ConfigProblemKind.FileNotReadable"/> problem.</summary>
    public static StageConfigResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(ConfigProblemKind.FileNotReadable, "no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Fail(ConfigProblemKind.FileNotReadable, $"cannot read the file: {e.Message}");
        }

        return Parse(text);
    }

    /// <summary>Validates config text.</summary>
    public static StageConfigResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            // LineNumber and BytePositionInLine are 0-based; editors count from 1.
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            var message = $"malformed JSON: {FirstSentence(e.Message)}";
            return new StageConfigResult(null, [new ConfigProblem(ConfigProblemKind.MalformedJson, "$", message, line, column)]);
        }

        using (document)
        {
            return new StageConfigParser().Parse(document.RootElement);
        }
    }

    private static StageConfigResult Fail(ConfigProblemKind kind, string message) =>
        new(null, [new ConfigProblem(kind, "$", message)]);

    /// <summary>System.Text.Json messages end with "LineNumber: 3 | BytePositionInLine: 7."; we print the position
    /// ourselves, so keep only the part before it.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.TrimEnd(' ', '.');
    }
}
