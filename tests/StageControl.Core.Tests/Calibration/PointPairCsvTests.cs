using StageControl.Core.Calibration;
using StageControl.Core.Geometry;

namespace StageControl.Core.Tests.Calibration;

// Point-pair CSV for `stagectl calibrate register` (shared/DESIGN.md "Contracts").
public sealed class PointPairCsvTests
{
    private const string Header = "name,tracker_x,tracker_y,tracker_z,stage_x,stage_y,stage_z";

    [Fact]
    public void TryParse_CommentsBlankLinesCrlfBomAndTrailingNewline_ReadsPairsInOrder()
    {
        // Arrange
        var text = "\uFEFF# surveyed 2026-01-01\r\n\r\n" + Header + "\r\nA, 1, 2, 3, 4, 5, 6\r\n  # a comment\r\nB,-1.5e-3,0,0.25,7,8,9\r\n\r\n";

        // Act
        var ok = PointPairCsv.TryParse(text, "pts.csv", out var pairs, out var why);

        // Assert
        Assert.True(ok, why);
        Assert.Equal(2, pairs.Count);
        Assert.Equal(new PointPair("A", new Vec3(1, 2, 3), new Vec3(4, 5, 6)), pairs[0]);
        Assert.Equal(new PointPair("B", new Vec3(-1.5e-3, 0, 0.25), new Vec3(7, 8, 9)), pairs[1]);
    }

    [Theory]
    [InlineData("name,x,y,z,sx,sy,sz\nA,1,2,3,4,5,6\n", "pts.csv line 1: header must be exactly")]
    [InlineData(Header + "\nA,1,2,3,4,5\n", "pts.csv line 2: expected 7 fields")]
    [InlineData(Header + "\nA,1,2,3,4,5,6,7\n", "pts.csv line 2: expected 7 fields")]
    [InlineData(Header + "\nA,1,2,3,4,5,6\n\nB,1,2,abc,4,5,6\n", "pts.csv line 4, column 4 (tracker_z): 'abc' is not a number")]
    [InlineData(Header + "\nA,1,2,3,4,5,6\nB,1,2,3,4,5,NaN\n", "pts.csv line 3, column 7 (stage_z): 'NaN' is not finite")]
    [InlineData(Header + "\nA,1,2,3,4,5,6\nA,1,2,3,4,5,6\n", "pts.csv line 3, column 1 (name): name 'A' repeats line 2")]
    [InlineData(Header + "\n,1,2,3,4,5,6\n", "pts.csv line 2, column 1 (name): the name is empty")]
    [InlineData(Header + "\nA,1;5,2,3,4,5,6\n", "pts.csv line 2, column 2 (tracker_x): '1;5' is not a number")]
    [InlineData("# only a comment\n", "pts.csv: no header line")]
    [InlineData("", "pts.csv: no header line")]
    public void TryParse_BadFile_NamesLineAndColumn(string text, string reason)
    {
        // Arrange / Act
        var ok = PointPairCsv.TryParse(text, "pts.csv", out _, out var why);

        // Assert
        Assert.False(ok);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_CommaDecimal_IsRejectedAsFieldCount()
    {
        // Arrange: invariant culture only; "1,5" splits into two fields.
        var text = Header + "\nA,1,5,2,3,4,5,6\n";

        // Act
        var ok = PointPairCsv.TryParse(text, "pts.csv", out _, out var why);

        // Assert
        Assert.False(ok);
        Assert.Contains("line 2: expected 7 fields", why, StringComparison.Ordinal);
    }
}
