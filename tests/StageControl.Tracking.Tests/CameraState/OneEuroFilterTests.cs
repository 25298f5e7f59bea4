using System.Diagnostics;
using StageControl.Core.Geometry;
using StageControl.Tracking.CameraState;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Tests.CameraState;

public sealed class OneEuroFilterTests
{
    // math.md §7.2, Oracle OE: first rows of the reference implementation's groundTruth.csv
    // (freq 120 Hz, mincutoff 1.0, beta 0.1, dcutoff 1.0): timestamp, noisy x, filtered.
    private static readonly double[][] OracleOE =
    [
        [0, -0.0385099, -0.0385099],
        [0.00833333, -0.0280664, -0.0379872],
        [0.0166667, 0.048622, -0.0334427],
        [0.025, 0.111498, -0.0252696],
        [0.0333333, 0.053026, -0.0207099],
        [0.0416667, 0.120548, -0.0119912],
    ];

    [Fact]
    public void Filter_OracleOE_MatchesTheReferenceGroundTruth()
    {
        // Arrange
        var filter = new OneEuroFilter(new OneEuroSettings(120, 1.0, 0.1, 1.0));

        // Act / Assert (the CSV is rounded to 6 significant digits; math.md: within 2e−7)
        foreach (var row in OracleOE)
        {
            var filtered = filter.Filter(row[1], row[0]);
            Assert.True(Math.Abs(filtered - row[2]) <= 2e-7, $"t={row[0]}: {filtered} vs {row[2]}");
        }
    }

    [Fact]
    public void Filter_ZeroTimestamp_KeepsTheConfiguredRate()
    {
        // Arrange: the reference quirk — a previous timestamp of 0 is "missing".
        var filter = new OneEuroFilter(new OneEuroSettings(50));

        // Act
        filter.Filter(1, 0);
        filter.Filter(2, 0.001);
        var afterZero = filter.Frequency;
        filter.Filter(3, 0.003);

        // Assert
        Assert.Equal(50, afterZero);
        Assert.Equal(500, filter.Frequency, 6);
    }

    [Fact]
    public void Add_WithFilter_SmoothsPositionAndRotationTowardTheInput()
    {
        // Arrange: a step of 1 m and 10° pan at 100 Hz.
        var f = Stopwatch.Frequency;
        var state = new Tracking.CameraState.CameraState(new CameraStateOptions { Filter = new OneEuroSettings(100, 1.0, 0.0, 1.0) });
        state.Add(new TrackingSample(f, 1, Vec3.Zero, Quat.Identity, double.NaN, double.NaN, double.NaN, -1, -1, -1));
        var stepQ = PanTiltRoll.ToOrientation(10, 0, 0);
        state.Add(new TrackingSample(f + (f / 100), 1, new Vec3(1, 0, 0), stepQ, double.NaN, double.NaN, double.NaN, -1, -1, -1));

        // Act
        var pose = state.Evaluate(f + (f / 100));

        // Assert: with beta 0 both use α(1 Hz, 100 Hz) = 1/(1 + 100/(2π)).
        var alpha = OneEuroFilter.Alpha(1.0, 100);
        Assert.Equal(alpha, pose.Position.X, 12);
        Assert.Equal(10 * alpha, PanTiltRoll.FromOrientation(pose.Orientation).PanDeg, 9);
    }
}
