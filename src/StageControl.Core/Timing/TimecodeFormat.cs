namespace StageControl.Core.Timing;

/// <summary>
/// SMPTE timecode counting for one frame rate, in both directions (shared/notes/math.md §6, [R25][R26]).
/// <list type="bullet">
/// <item>Labels count at the nominal integer rate <c>round(num/den)</c> (24000/1001 → 24, 30000/1001 → 30,
/// 60000/1001 → 60), so non-drop labels at 1001 rates run slower than real time; frame counts and labels are
/// exact integers, never floating point.</item>
/// <item>Drop-frame exists only at 30000/1001 (labels 00–01 skipped) and 60000/1001 (00–03 skipped): the labels
/// are skipped at the start of every minute except minutes divisible by 10. No frame is dropped, only labels.</item>
/// <item>Frame counts are ≥ 0 and count from label 00:00:00:00. Counts of 24 h or more wrap modulo 24 h in the
/// label; the label → frame direction gives the count within the day.</item>
/// </list>
/// </summary>
public sealed class TimecodeFormat
{
    private TimecodeFormat(FrameRate rate, bool dropFrame, int nominalFps, int dropPerMinute)
    {
        Rate = rate;
        DropFrame = dropFrame;
        NominalFps = nominalFps;
        DropPerMinute = dropPerMinute;
        FramesPerMinute = (nominalFps * 60) - dropPerMinute;
        FramesPerTenMinutes = (nominalFps * 600) - (9 * dropPerMinute);
        FramesPerDay = 144L * FramesPerTenMinutes;
    }

    /// <summary>The real frame rate.</summary>
    public FrameRate Rate { get; }

    /// <summary>Drop-frame counting.</summary>
    public bool DropFrame { get; }

    /// <summary>Labels per second: round(num/den).</summary>
    public int NominalFps { get; }

    /// <summary>Labels skipped at the start of each minute not divisible by 10: 0, 2 (29.97) or 4 (59.94).</summary>
    public int DropPerMinute { get; }

    /// <summary>Frames in a minute not divisible by 10 (1798 at 29.97 DF).</summary>
    public int FramesPerMinute { get; }

    /// <summary>Frames in ten minutes: 17 982 at 29.97 DF, 35 964 at 59.94 DF, 600 × nominal fps otherwise.</summary>
    public int FramesPerTenMinutes { get; }

    /// <summary>Frames in 24 h of labels (the wrap-around period): 2 589 408 at 29.97 DF.</summary>
    public long FramesPerDay { get; }

    /// <summary>Digits written for the frames field: 2, or 3 above 100 fps.</summary>
    public int FrameDigits => NominalFps > 100 ? 3 : 2;

    /// <summary>Creates the counting for <paramref name="rate"/>; fails with a reason when drop-frame is asked for
    /// at a rate that has none, or the rate is below 0.5 fps.</summary>
    public static bool TryCreate(FrameRate rate, bool dropFrame, out TimecodeFormat format, out string why)
    {
        format = null!;
        if (rate.Numerator <= 0 || rate.Denominator <= 0)
        {
            why = "the frame rate is not initialised (0/0)";
            return false;
        }

        // round(num/den), halves up, in integers.
        var nominal = ((2 * rate.Numerator) + rate.Denominator) / (2 * rate.Denominator);
        if (nominal < 1)
        {
            why = $"frame rate {rate} is below 0.5 fps and has no timecode";
            return false;
        }

        var drop = 0;
        if (dropFrame)
        {
            if (rate == FrameRate.Fps29_97)
            {
                drop = 2;
            }
            else if (rate == FrameRate.Fps59_94)
            {
                drop = 4;
            }
            else
            {
                why = $"drop-frame timecode exists only at 30000/1001 and 60000/1001, not at {rate}";
                return false;
            }
        }

        format = new TimecodeFormat(rate, dropFrame, (int)nominal, drop);
        why = string.Empty;
        return true;
    }

    /// <summary>Creates the counting or throws <see cref="ArgumentException"/> with the reason.</summary>
    public static TimecodeFormat Create(FrameRate rate, bool dropFrame) =>
        TryCreate(rate, dropFrame, out var format, out var why) ? format : throw new ArgumentException(why, nameof(rate));

    /// <summary>Frame count → label. Counts of 24 h or more wrap modulo <see cref="FramesPerDay"/>; negative counts
    /// throw <see cref="ArgumentOutOfRangeException"/>.</summary>
    public Timecode FromFrame(long frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        var f = frame % FramesPerDay;
        if (DropPerMinute > 0)
        {
            // [R25] (FFmpeg av_timecode_get_smpte_from_framenum): add back 9·drop labels per whole 10-minute block,
            // plus drop per minute boundary passed in the remainder; a remainder below drop adds nothing.
            var blocks = f / FramesPerTenMinutes;
            var rem = f % FramesPerTenMinutes;
            f += 9L * DropPerMinute * blocks;
            if (rem >= DropPerMinute)
            {
                f += DropPerMinute * ((rem - DropPerMinute) / FramesPerMinute);
            }
        }

        var ff = (int)(f % NominalFps);
        var totalSeconds = f / NominalFps;
        return new Timecode(
            (int)(totalSeconds / 3600),
            (int)(totalSeconds / 60 % 60),
            (int)(totalSeconds % 60),
            ff,
            DropFrame);
    }

    /// <summary>Frame count → label text ("HH:MM:SS;FF" in drop-frame).</summary>
    public string Format(long frame) => FromFrame(frame).ToString(FrameDigits);

    /// <summary>
    /// Label → frame count within the day: <c>N = (3600h + 60m + s)·fps + f − drop·(TM − ⌊TM/10⌋)</c>,
    /// <c>TM = 60h + m</c> [R25]. Fails with a reason for fields out of range and for labels that drop-frame skips
    /// (e.g. 00:01:00;00 at 29.97). The label's own <see cref="Timecode.DropFrame"/> flag is ignored.
    /// </summary>
    public bool TryToFrame(Timecode label, out long frame, out string why)
    {
        frame = 0;
        var text = label with { DropFrame = DropFrame };
        if (label.Hours is < 0 or >= 24 || label.Minutes is < 0 or >= 60 || label.Seconds is < 0 or >= 60)
        {
            why = $"timecode {text}: hours must be 00–23, minutes and seconds 00–59";
            return false;
        }

        if (label.Frames < 0 || label.Frames >= NominalFps)
        {
            why = $"timecode {text}: frames {label.Frames} out of range 00–{NominalFps - 1} at {Rate} (nominal {NominalFps} fps)";
            return false;
        }

        if (DropPerMinute > 0 && label.Seconds == 0 && label.Frames < DropPerMinute && label.Minutes % 10 != 0)
        {
            why = $"timecode {text} does not exist in drop-frame at {Rate}: frames 00–{DropPerMinute - 1:D2} are skipped at the start of minutes not divisible by 10";
            return false;
        }

        long totalMinutes = (60 * label.Hours) + label.Minutes;
        frame = ((3600L * label.Hours) + (60L * label.Minutes) + label.Seconds) * NominalFps + label.Frames
            - (DropPerMinute * (totalMinutes - (totalMinutes / 10)));
        why = string.Empty;
        return true;
    }

    /// <summary>Label text → frame count within the day (syntax per <see cref="Timecode.TryParse"/>).</summary>
    public bool TryParseFrame(string? text, out long frame, out string why)
    {
        frame = 0;
        return Timecode.TryParse(text, out var label, out why) && TryToFrame(label, out frame, out why);
    }
}
