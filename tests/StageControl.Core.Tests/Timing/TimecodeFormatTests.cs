using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Timing;

namespace StageControl.Core.Tests.Timing;

// SMPTE timecode (shared/notes/math.md §6). Drop-frame labels below are hand-checked against the rule
// "skip labels 00..drop−1 at the start of every minute not divisible by 10" and the counts of §6:
// ten minutes = 17 982 frames at 29.97 DF and 35 964 at 59.94 DF; one hour of 29.97 DF = 107 892 frames.
public sealed class TimecodeFormatTests
{
    [Theory]
    [InlineData(0L, "00:00:00;00")]
    [InlineData(1L, "00:00:00;01")]
    [InlineData(1799L, "00:00:59;29")] // last frame of minute 0 (which keeps all 1800 labels)
    [InlineData(1800L, "00:01:00;02")] // ;00 and ;01 are skipped at minute 1
    [InlineData(1801L, "00:01:00;03")]
    [InlineData(3597L, "00:01:59;29")] // minute 1 holds 1798 frames
    [InlineData(3598L, "00:02:00;02")]
    [InlineData(5000L, "00:02:46;24")] // 5000 + 2·2 skipped = 5004 labels = 166 s + 24
    [InlineData(17981L, "00:09:59;29")]
    [InlineData(17982L, "00:10:00;00")] // minute 10 keeps ;00
    [InlineData(17983L, "00:10:00;01")]
    [InlineData(19782L, "00:11:00;02")] // 17 982 + 1800
    [InlineData(107891L, "00:59:59;29")]
    [InlineData(107892L, "01:00:00;00")] // one hour = 6 × 17 982
    [InlineData(2589407L, "23:59:59;29")] // last frame of the day: 144 × 17 982 − 1
    public void Format_DropFrame2997_GivesHandCheckedLabels(long frame, string label)
    {
        // Arrange
        var format = TimecodeFormat.Create(FrameRate.Fps29_97, dropFrame: true);

        // Act
        var text = format.Format(frame);
        var ok = format.TryParseFrame(label, out var back, out var why);

        // Assert
        Assert.Equal(label, text);
        Assert.True(ok, why);
        Assert.Equal(frame, back);
    }

    [Theory]
    [InlineData(0L, "00:00:00;00")]
    [InlineData(3599L, "00:00:59;59")]
    [InlineData(3600L, "00:01:00;04")] // ;00–;03 skipped
    [InlineData(3601L, "00:01:00;05")]
    [InlineData(35963L, "00:09:59;59")]
    [InlineData(35964L, "00:10:00;00")]
    [InlineData(100000L, "00:27:48;20")] // 2 blocks (71 928) + 28 072 → 72 + 7·4 skipped → 100 100 labels
    [InlineData(215784L, "01:00:00;00")] // 6 × 35 964
    public void Format_DropFrame5994_GivesHandCheckedLabels(long frame, string label)
    {
        // Arrange
        var format = TimecodeFormat.Create(FrameRate.Fps59_94, dropFrame: true);

        // Act
        var text = format.Format(frame);
        var ok = format.TryParseFrame(label, out var back, out var why);

        // Assert
        Assert.Equal(label, text);
        Assert.True(ok, why);
        Assert.Equal(frame, back);
    }

    [Fact]
    public void Counts_DropFrame_MatchSection6()
    {
        // Arrange / Act
        var df30 = TimecodeFormat.Create(FrameRate.Fps29_97, dropFrame: true);
        var df60 = TimecodeFormat.Create(FrameRate.Fps59_94, dropFrame: true);

        // Assert: §6 counts; a day is 24·3600·30 labels less 2 per non-tenth minute (1440 − 144 = 1296 minutes).
        Assert.Equal(17_982, df30.FramesPerTenMinutes);
        Assert.Equal(35_964, df60.FramesPerTenMinutes);
        Assert.Equal(107_892, 6 * df30.FramesPerTenMinutes);
        Assert.Equal((24L * 3600 * 30) - (2 * 1296), df30.FramesPerDay);
        Assert.Equal((24L * 3600 * 60) - (4 * 1296), df60.FramesPerDay);
        Assert.Equal(30, df30.NominalFps);
        Assert.Equal(60, df60.NominalFps);
    }

    [Theory]
    [InlineData(30000L, 1001L)]
    [InlineData(60000L, 1001L)]
    public void FromFrame_WholeDayDropFrame_RoundTripsAndStrictlyIncreases(long num, long den)
    {
        // Arrange
        var format = TimecodeFormat.Create(new FrameRate(num, den), dropFrame: true);
        var previousKey = -1L;

        // Act / Assert: every frame of the day, frame → label → frame is the identity, text included.
        for (long frame = 0; frame < format.FramesPerDay; frame++)
        {
            var label = format.FromFrame(frame);
            var key = ((((label.Hours * 60L) + label.Minutes) * 60) + label.Seconds) * format.NominalFps + label.Frames;
            if (key <= previousKey)
            {
                Assert.Fail($"label {label} of frame {frame} does not follow the previous label");
            }

            previousKey = key;
            if (!format.TryToFrame(label, out var back, out var why) || back != frame)
            {
                Assert.Fail($"frame {frame} → {label} → {back} ({why})");
            }

            if (frame % 997 == 0 && (!format.TryParseFrame(label.ToString(), out back, out why) || back != frame))
            {
                Assert.Fail($"frame {frame} → '{label}' → {back} ({why})");
            }
        }

        Assert.Equal("00:00:00;00", format.Format(format.FramesPerDay));
    }

    [Fact]
    public void FromFrame_NonDropRates_RoundTripWithinTheDay()
    {
        // Arrange: any supported non-drop rate, any frame count (wrapping at 24 h).
        var rates = new[] { (24000L, 1001L), (24L, 1L), (25L, 1L), (30000L, 1001L), (30L, 1L), (48L, 1L), (50L, 1L), (60000L, 1001L), (60L, 1L), (120L, 1L), (240L, 1L) };
        var gen =
            from r in Gen.Elements(rates)
            from hi in Gen.Choose(0, 1 << 20)
            from lo in Gen.Choose(0, int.MaxValue)
            select (rate: new FrameRate(r.Item1, r.Item2), frame: ((long)hi << 31) | (uint)lo);

        // Act / Assert
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var format = TimecodeFormat.Create(x.rate, dropFrame: false);
            var label = format.FromFrame(x.frame);
            var fieldsOk = label.Hours < 24 && label.Minutes < 60 && label.Seconds < 60 && label.Frames < format.NominalFps;
            var parsed = format.TryParseFrame(format.Format(x.frame), out var back, out _);
            var expectedWithinDay = x.frame % (86_400L * format.NominalFps);
            return fieldsOk && parsed && back == expectedWithinDay && !label.DropFrame;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FromFrame_NonDropConsecutiveFrames_AdvanceLabelByOne()
    {
        // Arrange
        var gen =
            from r in Gen.Elements((24000L, 1001L), (25L, 1L), (30000L, 1001L), (50L, 1L), (60L, 1L))
            from frame in Gen.Choose(0, int.MaxValue - 1)
            select (rate: new FrameRate(r.Item1, r.Item2), frame: (long)frame);

        // Act / Assert: seconds-of-day·fps + frames grows by exactly one, except across midnight.
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var format = TimecodeFormat.Create(x.rate, dropFrame: false);
            long Key(Timecode t) => ((((t.Hours * 60L) + t.Minutes) * 60) + t.Seconds) * format.NominalFps + t.Frames;
            var a = Key(format.FromFrame(x.frame));
            var b = Key(format.FromFrame(x.frame + 1));
            return b == a + 1 || (b == 0 && a == format.FramesPerDay - 1);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(24000L, 1001L, 24)]
    [InlineData(30000L, 1001L, 30)]
    [InlineData(60000L, 1001L, 60)]
    [InlineData(25L, 1L, 25)]
    [InlineData(120000L, 1001L, 120)]
    public void NominalFps_Rate_IsRoundedRate(long num, long den, int nominal)
    {
        // Arrange / Act
        var format = TimecodeFormat.Create(new FrameRate(num, den), dropFrame: false);

        // Assert
        Assert.Equal(nominal, format.NominalFps);
    }

    [Fact]
    public void Format_NonDrop23976_UsesColonsAndNominal24()
    {
        // Arrange
        var format = TimecodeFormat.Create(FrameRate.Fps23_976, dropFrame: false);

        // Act / Assert: 24 labels per second; a day of labels is 86400·24 frames, then it wraps.
        Assert.Equal("00:00:00:23", format.Format(23));
        Assert.Equal("00:00:01:00", format.Format(24));
        Assert.Equal("23:59:59:23", format.Format((86_400L * 24) - 1));
        Assert.Equal("00:00:00:00", format.Format(86_400L * 24));
        Assert.Equal("01:00:00:05", format.Format((86_400L * 24) + (3600 * 24) + 5));
    }

    [Theory]
    [InlineData(25L, 1L)]
    [InlineData(24000L, 1001L)]
    [InlineData(30L, 1L)]
    [InlineData(60L, 1L)]
    public void TryCreate_DropAtRateWithoutDropFrame_FailsWithReason(long num, long den)
    {
        // Arrange / Act
        var ok = TimecodeFormat.TryCreate(new FrameRate(num, den), dropFrame: true, out _, out var why);

        // Assert
        Assert.False(ok);
        Assert.Contains("drop-frame", why, StringComparison.Ordinal);
        Assert.Contains("30000/1001", why, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_EquivalentFraction_AllowsDropFrame()
    {
        // Arrange / Act: 60000/2002 is the same rate as 30000/1001.
        var ok = TimecodeFormat.TryCreate(new FrameRate(60000, 2002), dropFrame: true, out var format, out var why);

        // Assert
        Assert.True(ok, why);
        Assert.Equal(2, format.DropPerMinute);
    }

    [Theory]
    [InlineData("00:01:00;00", "does not exist")]
    [InlineData("00:01:00;01", "does not exist")]
    [InlineData("01:23:00;01", "does not exist")]
    [InlineData("00:00:00;30", "frames 30 out of range")]
    [InlineData("00:60:00;00", "minutes 60")]
    [InlineData("00:00:60;00", "seconds 60")]
    [InlineData("24:00:00;00", "hours 24")]
    [InlineData("0:00:00;00", "is not HH:MM:SS")]
    [InlineData("00:00:00-05", "is not HH:MM:SS")]
    [InlineData("00:0a:00;05", "not digits")]
    [InlineData("", "is not HH:MM:SS")]
    public void TryParseFrame_Invalid2997DropLabel_FailsWithReason(string label, string reason)
    {
        // Arrange
        var format = TimecodeFormat.Create(FrameRate.Fps29_97, dropFrame: true);

        // Act
        var ok = format.TryParseFrame(label, out _, out var why);

        // Assert
        Assert.False(ok);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:10:00;00", 17982L)] // tenth minute keeps ;00
    [InlineData("00:01:00.02", 1800L)] // '.' accepted before frames
    [InlineData("00:01:00:02", 1800L)] // ':' accepted; --drop decides the counting
    [InlineData(" 00:01:00;02 ", 1800L)]
    public void TryParseFrame_SeparatorsAndTenthMinute_Accepted(string label, long expected)
    {
        // Arrange
        var format = TimecodeFormat.Create(FrameRate.Fps29_97, dropFrame: true);

        // Act
        var ok = format.TryParseFrame(label, out var frame, out var why);

        // Assert
        Assert.True(ok, why);
        Assert.Equal(expected, frame);
    }

    [Fact]
    public void TryParseFrame_DropLabelSkippedAt5994_FailsButNonDropAccepts()
    {
        // Arrange
        var df = TimecodeFormat.Create(FrameRate.Fps59_94, dropFrame: true);
        var ndf = TimecodeFormat.Create(FrameRate.Fps59_94, dropFrame: false);

        // Act
        var dfOk = df.TryParseFrame("00:01:00;03", out _, out var why);
        var ndfOk = ndf.TryParseFrame("00:01:00:03", out var frame, out _);

        // Assert
        Assert.False(dfOk);
        Assert.Contains("00–03", why, StringComparison.Ordinal);
        Assert.True(ndfOk);
        Assert.Equal(3603, frame);
    }

    [Fact]
    public void FromFrame_Negative_Throws()
    {
        // Arrange
        var format = TimecodeFormat.Create(FrameRate.Fps25, dropFrame: false);

        // Act / Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => format.FromFrame(-1));
    }
}
