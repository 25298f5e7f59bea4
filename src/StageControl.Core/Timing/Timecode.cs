using System.Globalization;

namespace StageControl.Core.Timing;

/// <summary>
/// One SMPTE timecode label HH:MM:SS:FF (non-drop) or HH:MM:SS;FF (drop-frame), shared/notes/math.md §6.
/// A label is only a name for a frame; which frame it names depends on the rate and counting mode, which
/// <see cref="TimecodeFormat"/> holds. Hours run 0–23: frame counts past 24 h wrap in the label.
/// </summary>
/// <param name="Hours">0–23.</param>
/// <param name="Minutes">0–59.</param>
/// <param name="Seconds">0–59.</param>
/// <param name="Frames">0 to nominal fps − 1 (checked by <see cref="TimecodeFormat"/>).</param>
/// <param name="DropFrame">Drop-frame counting: written with ';' before the frames.</param>
public readonly record struct Timecode(int Hours, int Minutes, int Seconds, int Frames, bool DropFrame)
{
    /// <summary>"HH:MM:SS:FF", or "HH:MM:SS;FF" when <see cref="DropFrame"/>; frames take two digits, three at
    /// rates above 100 fps.</summary>
    public override string ToString() => ToString(Frames >= 100 ? 3 : 2);

    /// <summary>The label with the frames written with at least <paramref name="frameDigits"/> digits.</summary>
    public string ToString(int frameDigits)
    {
        var ff = Frames.ToString(frameDigits >= 3 ? "D3" : "D2", CultureInfo.InvariantCulture);
        var sep = DropFrame ? ';' : ':';
        return string.Create(CultureInfo.InvariantCulture, $"{Hours:D2}:{Minutes:D2}:{Seconds:D2}{sep}{ff}");
    }

    /// <summary>
    /// Parses the syntax of a label: <c>HH:MM:SS</c> (two digits each) then ':' ';' or '.' then two or three frame
    /// digits; whitespace around it is ignored. The separator does not choose the counting mode
    /// (<see cref="DropFrame"/> is true when it is ';' or '.', for display); <see cref="TimecodeFormat"/> decides.
    /// Hours must be below 24 and minutes and seconds below 60; the frame range depends on the rate and is checked
    /// by <see cref="TimecodeFormat.TryToFrame(Timecode, out long, out string)"/>.
    /// </summary>
    public static bool TryParse(string? text, out Timecode timecode, out string why)
    {
        timecode = default;
        var s = (text ?? string.Empty).Trim();
        if (s.Length is < 11 or > 12 || s[2] != ':' || s[5] != ':' || s[8] is not (':' or ';' or '.'))
        {
            why = $"timecode '{text}' is not HH:MM:SS:FF or HH:MM:SS;FF";
            return false;
        }

        if (!TryDigits(s, 0, 2, out var hh) || !TryDigits(s, 3, 2, out var mm) || !TryDigits(s, 6, 2, out var ss)
            || !TryDigits(s, 9, s.Length - 9, out var ff))
        {
            why = $"timecode '{text}' has a field that is not digits; write HH:MM:SS:FF or HH:MM:SS;FF";
            return false;
        }

        if (hh >= 24)
        {
            why = $"timecode '{text}': hours {hh} out of range 00–23";
            return false;
        }

        if (mm >= 60)
        {
            why = $"timecode '{text}': minutes {mm} out of range 00–59";
            return false;
        }

        if (ss >= 60)
        {
            why = $"timecode '{text}': seconds {ss} out of range 00–59";
            return false;
        }

        timecode = new Timecode(hh, mm, ss, ff, s[8] != ':');
        why = string.Empty;
        return true;
    }

    private static bool TryDigits(string s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
