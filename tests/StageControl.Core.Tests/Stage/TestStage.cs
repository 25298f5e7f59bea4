using System.Text.Json.Nodes;
using StageControl.Core.Stage;

namespace StageControl.Core.Tests.Stage;

/// <summary>A small valid stage config to break one field at a time, and the demo config from the test output.</summary>
internal static class TestStage
{
    // Panels 500 × 500 mm, 100 × 100 px (10,000 px each).
    // back: flat 4 × 2 at z = −3 (x −1..1, y 0..1), facing +Z.
    // arc: curved 4 × 2 at R = 5.7314 m (5° per 500 mm column), 30°..50°, x ≈ 2.9..4.4, clear of "back".
    // ceiling: 2 × 1 at y = 3 around (0, −1.5).
    // proc: 2 outputs × 50,000 px, 100,000 px in all; n1 drives back cols 1-2 on output 1, cols 3-4 on output 2.
    public const string Valid = """
    {
      "name": "Test Stage",
      "frameRate": "25/1",
      "panelTypes": [
        { "id": "p500", "manufacturer": "Test", "model": "P500", "widthMm": 500, "heightMm": 500, "pixelsX": 100, "pixelsY": 100, "pitchMm": 5 }
      ],
      "walls": [
        { "id": "back", "kind": "flat", "panelType": "p500", "columns": 4, "rows": 2,
          "lowerLeft": { "x": -1, "y": 0, "z": -3 }, "lowerRight": { "x": 1, "y": 0, "z": -3 }, "upperLeft": { "x": -1, "y": 1, "z": -3 } },
        { "id": "arc", "kind": "curved", "panelType": "p500", "center": { "x": 0, "z": 0 }, "radiusM": 5.7314,
          "startDeg": 30, "endDeg": 50, "rows": 2, "bottomM": 0 },
        { "id": "ceiling", "kind": "ceiling", "panelType": "p500", "center": { "x": 0, "z": -1.5 }, "heightM": 3, "columns": 2, "rows": 1 }
      ],
      "processors": [
        { "id": "proc", "model": "Test", "outputCount": 2, "pixelsPerOutput": 50000, "maxPixels": 100000 }
      ],
      "nodes": [
        { "name": "n1", "outputs": [
          { "processor": "proc", "output": 1, "panels": [ { "wall": "back", "columns": "1-2" } ] },
          { "processor": "proc", "output": 2, "panels": [ { "wall": "back", "columns": "3-4" } ] } ] },
        { "name": "n2", "panels": [ { "wall": "arc" }, { "wall": "ceiling" } ] }
      ],
      "cameras": [
        { "name": "cam", "tracking": { "protocol": "freed", "port": 40000, "cameraId": 1 },
          "sensor": { "widthMm": 36, "heightMm": 24 }, "lens": { "focalLengthMm": 35 } }
      ]
    }
    """;

    public static string DemoPath => Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json");

    public static string HardwarePath(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>The valid config with one edit applied.</summary>
    public static string With(Action<JsonObject> edit, string? source = null)
    {
        var root = JsonNode.Parse(source ?? Valid, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    public static StageConfig LoadValid(string? json = null)
    {
        var result = StageConfigLoader.Parse(json ?? Valid);
        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => p.Format("test"))));
        return result.Config!;
    }

    public static JsonObject Obj(this JsonNode node, string path)
    {
        var current = node;
        foreach (var part in path.Split('.'))
        {
            current = int.TryParse(part, out var i) ? current![i]! : current![part]!;
        }

        return current!.AsObject();
    }
}
