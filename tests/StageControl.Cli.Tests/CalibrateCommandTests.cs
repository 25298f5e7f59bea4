using System.Globalization;
using System.Text;
using System.Text.Json;
using StageControl.Cli;

namespace StageControl.Cli.Tests;

// `stagectl calibrate register` (shared/DESIGN.md "Contracts"; Kabsch/Umeyama per shared/notes/math.md §8).
public sealed class CalibrateCommandTests : IDisposable
{
    private const string Header = "name,tracker_x,tracker_y,tracker_z,stage_x,stage_y,stage_z";

    // Ground truth for the generated files: 90° about +Y (x → −z, z → x), then t = (0.4, −1.2, 2.5).
    private static readonly double[][] R = [[0, 0, 1], [0, 1, 0], [-1, 0, 0]];
    private static readonly double[] T = [0.4, -1.2, 2.5];
    private static readonly double[][] Points = [[0, 0, 0], [1, 0, 0], [0, 2, 0], [0, 0, 3], [1.5, -0.5, 2], [-2, 1, 0.5]];

    private readonly string _dir = Directory.CreateTempSubdirectory("stagectl-cal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, $"p{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Csv(double scale = 1, int skip = 0)
    {
        var sb = new StringBuilder(Header).Append('\n');
        for (var i = skip; i < Points.Length; i++)
        {
            var p = Points[i];
            var q = new double[3];
            for (var r = 0; r < 3; r++)
            {
                q[r] = (scale * ((R[r][0] * p[0]) + (R[r][1] * p[1]) + (R[r][2] * p[2]))) + T[r];
            }

            sb.Append(CultureInfo.InvariantCulture, $"P{i},{p[0]:R},{p[1]:R},{p[2]:R},{q[0]:R},{q[1]:R},{q[2]:R}\n");
        }

        return sb.ToString();
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => Stagectl.Run(args);

    [Fact]
    public void Register_NoiseFreeJson_RecoversTransformWithExactFieldNames()
    {
        // Arrange
        var path = Write(Csv());

        // Act
        var (code, stdout, stderr) = Run("calibrate", "register", "--points", path, "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        var lines = stdout.Trim().Split('\n');
        using var doc = JsonDocument.Parse(lines[^1]);
        var root = doc.RootElement;
        var names = root.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["rotation", "translation", "scale", "rmsM", "residualsM"], names);
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.InRange(root.GetProperty("rotation")[r][c].GetDouble() - R[r][c], -1e-9, 1e-9);
            }

            Assert.InRange(root.GetProperty("translation")[r].GetDouble() - T[r], -1e-9, 1e-9);
        }

        Assert.Equal(1.0, root.GetProperty("scale").GetDouble());
        Assert.True(root.GetProperty("rmsM").GetDouble() < 1e-9);
        Assert.Equal(Points.Length, root.GetProperty("residualsM").GetArrayLength());
    }

    [Fact]
    public void Register_WithScale_ReportsScale()
    {
        // Arrange: tracker in millimetres → stage in metres.
        var path = Write(Csv(scale: 0.001));

        // Act
        var (code, stdout, _) = Run("calibrate", "register", "--points", path, "--scale", "--json");

        // Assert
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        Assert.InRange(doc.RootElement.GetProperty("scale").GetDouble(), 0.001 - 1e-12, 0.001 + 1e-12);
    }

    [Fact]
    public void Register_Table_ListsEveryPointAndOutlierColumn()
    {
        // Arrange
        var path = Write(Csv());

        // Act
        var (code, stdout, _) = Run("calibrate", "register", "--points", path);

        // Assert
        Assert.Equal(0, code);
        Assert.Contains("outlier", stdout, StringComparison.Ordinal);
        Assert.Contains("No outliers", stdout, StringComparison.Ordinal);
        for (var i = 0; i < Points.Length; i++)
        {
            Assert.Contains($"P{i}", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Register_TableWithDisplacedPoint_FlagsItAsOutlier()
    {
        // Arrange: a 3×2×2 grid (12 points; a flag needs at least 10, since no residual can exceed √n·RMS),
        // identity transform, point G7 moved 0.5 m in stage y.
        var sb = new StringBuilder(Header).Append('\n');
        var i = 0;
        for (var x = 0; x < 3; x++)
        {
            for (var y = 0; y < 2; y++)
            {
                for (var z = 0; z < 2; z++, i++)
                {
                    var sy = y + (i == 7 ? 0.5 : 0);
                    sb.Append(CultureInfo.InvariantCulture, $"G{i},{x},{y},{z},{x},{sy},{z}\n");
                }
            }
        }

        var path = Write(sb.ToString());

        // Act
        var (code, stdout, _) = Run("calibrate", "register", "--points", path);

        // Assert
        Assert.Equal(0, code);
        var flagged = stdout.Split('\n').Where(l => l.Contains("YES", StringComparison.Ordinal)).ToArray();
        Assert.Single(flagged);
        Assert.Contains("G7 ", flagged[0], StringComparison.Ordinal);
        Assert.Contains("1 outlier(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_BadNumber_ExitsOneNamingLineAndColumn()
    {
        // Arrange
        var path = Write(Header + "\nA,1,2,3,4,5,6\nB,1,2,oops,4,5,6\n");

        // Act
        var (code, stdout, stderr) = Run("calibrate", "register", "--points", path, "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("line 3, column 4 (tracker_z)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_TooFewPoints_ExitsOneWithReason()
    {
        // Arrange: keep only the last two rows.
        var path = Write(Csv(skip: Points.Length - 2));

        // Act
        var (code, _, stderr) = Run("calibrate", "register", "--points", path, "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("at least 3 point pairs, got 2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_MissingFile_ExitsOne()
    {
        // Arrange
        var path = Path.Combine(_dir, "absent.csv");

        // Act
        var (code, _, stderr) = Run("calibrate", "register", "--points", path, "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_NoPointsOption_ExitsTwo()
    {
        // Arrange / Act
        var (code, _, stderr) = Run("calibrate", "register", "--json");

        // Assert
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
    }
}
