// An independent oracle for SMPTE drop-frame labels: instead of FFmpeg's block arithmetic (which TimecodeFormat
// uses), run a label "odometer" that counts one frame at a time and skips the dropped labels by rule
// (shared/notes/math.md §6 [R26]: labels 00..drop−1 are skipped at the start of every minute not divisible by 10).
using StageControl.Core.Timing;

namespace StageControl.Core.Tests.Timing;

public sealed class TimecodeOdometerTests
{
    [Theory]
    [InlineData(30000, 1001, true)]
    [InlineData(60000, 1001, true)]
    [InlineData(24000, 1001, false)]
    [InlineData(25, 1, false)]
    public void FromFrame_EveryFrameOfTheDay_MatchesLabelOdometer(long num, long den, bool drop)
    {
        // Arrange
        var format = TimecodeFormat.Create(new FrameRate(num, den), drop);
        var fps = format.NominalFps;
        var skip = drop ? (num == 30000 ? 2 : 4) : 0;
        int h = 0, m = 0, s = 0, f = 0;
        long frames = 0;

        // Act / Assert: walk the day label by label.
        while (h < 24)
        {
            var label = format.FromFrame(frames);
            if (label.Hours != h || label.Minutes != m || label.Seconds != s || label.Frames != f)
            {
                Assert.Fail($"frame {frames}: got {label}, odometer says {h:D2}:{m:D2}:{s:D2}{(drop ? ';' : ':')}{f:D2}");
            }

            frames++;
            if (++f == fps)
            {
                f = 0;
                if (++s == 60)
                {
                    s = 0;
                    if (++m == 60)
                    {
                        m = 0;
                        h++;
                    }
                }
            }

            if (s == 0 && f < skip && m % 10 != 0)
            {
                f = skip;
            }
        }

        // The day holds exactly the odometer's count, and the next frame wraps to 00:00:00.
        Assert.Equal(format.FramesPerDay, frames);
        Assert.Equal(new Timecode(0, 0, 0, 0, drop), format.FromFrame(frames));
    }
}
