using System.Text;
using System.Text.Json.Nodes;

namespace StageControl.Tracking.Osc;

/// <summary>
/// The JSON form of an OSC packet used by <c>stagectl track decode --format osc</c> (shared/DESIGN.md "Contracts"):
/// message <c>{"address","typeTags","args"}</c>, bundle <c>{"timetag":{"seconds","fraction"},"elements"}</c>.
/// Arguments: i, h integer; f, d number (a float32 is widened exactly to double; NaN and ±infinity, which JSON cannot
/// hold, become the strings "NaN", "Infinity", "-Infinity"); s, S string; c one-character string; b base64 string;
/// t <c>{"seconds","fraction"}</c>; r unsigned integer; m array of the 4 MIDI bytes; T/F true/false; N null;
/// I "Infinitum"; arrays nest.
/// </summary>
public static class OscJson
{
    /// <summary>Converts a packet to its JSON object.</summary>
    public static JsonObject ToJson(OscPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet is OscBundle bundle)
        {
            var elements = new JsonArray();
            foreach (var element in bundle.Elements)
            {
                elements.Add((JsonNode)ToJson(element));
            }

            return new JsonObject
            {
                ["timetag"] = TimeTag(bundle.TimeTag),
                ["elements"] = elements,
            };
        }

        var message = (OscMessage)packet;
        return new JsonObject
        {
            ["address"] = message.Address,
            ["typeTags"] = message.TypeTags,
            ["args"] = Arguments(message.Arguments),
        };
    }

    private static JsonArray Arguments(IReadOnlyList<OscArgument> arguments)
    {
        var array = new JsonArray();
        foreach (var argument in arguments)
        {
            array.Add((JsonNode?)Argument(argument));
        }

        return array;
    }

    private static JsonNode? Argument(OscArgument argument) => argument.Value switch
    {
        int i when argument.Tag == 'c' => Character(i),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        float f => Number(f),
        double d => Number(d),
        string s => JsonValue.Create(s),
        byte[] b => JsonValue.Create(Convert.ToBase64String(b)),
        OscTimeTag t => TimeTag(t),
        uint u => JsonValue.Create(u),
        OscMidi m => new JsonArray(m.Port, m.Status, m.Data1, m.Data2),
        bool b => JsonValue.Create(b),
        IReadOnlyList<OscArgument> items => Arguments(items),
        null when argument.Tag == 'I' => JsonValue.Create("Infinitum"),
        _ => null,
    };

    private static JsonObject TimeTag(OscTimeTag t) => new()
    {
        ["seconds"] = t.Seconds,
        ["fraction"] = t.Fraction,
    };

    private static JsonValue Number(double value)
    {
        if (double.IsFinite(value))
        {
            return JsonValue.Create(value);
        }

        return JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    // OSC 1.0 sends an ASCII character in 32 bits; a value that is a Unicode scalar is shown as itself,
    // anything else by its low byte.
    private static JsonValue Character(int value)
    {
        var text = Rune.IsValid(value) ? new Rune(value).ToString() : ((char)(value & 0xFF)).ToString();
        return JsonValue.Create(text);
    }
}
