// stagectl calibrate show|apply against a coordinator started in-process on loopback (demo volume, free ports), and the
// calibration columns of stagectl status.
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using StageControl.Cli.Commands;
using StageControl.Coordinator;

namespace StageControl.Cli.Tests;

public sealed class CalibrateRemoteCommandTests : IAsyncLifetime
{
    // Ground truth: 90° about +Y (x → −z, z → x), then t = (0.4, −1.2, 2.5); the same points as CalibrateCommandTests.
    private static readonly double[][] R = [[0, 0, 1], [0, 1, 0], [-1, 0, 0]];
    private static readonly double[] T = [0.4, -1.2, 2.5];
    private static readonly double[][] Points = [[0, 0, 0], [1, 0, 0], [0, 2, 0], [0, 0, 3], [1.5, -0.5, 2], [-2, 1, 0.5]];

    private readonly string _dir = Directory.CreateTempSubdirectory("stagectl-calapply-").FullName;
    private CoordinatorHost? _host;

    private string Url => _host!.GrpcUri.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync() => _host = await CoordinatorHost.StartAsync(new CoordinatorOptions
    {
        ConfigPath = Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json"),
        Grpc = new IPEndPoint(IPAddress.Loopback, 0),
        Http = new IPEndPoint(IPAddress.Loopback, 0),
        TrackingPort = 0,
        TrackingAddress = IPAddress.Loopback,
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private string WritePoints()
    {
        var sb = new StringBuilder("name,tracker_x,tracker_y,tracker_z,stage_x,stage_y,stage_z\n");
        for (var i = 0; i < Points.Length; i++)
        {
            var p = Points[i];
            var q = new double[3];
            for (var r = 0; r < 3; r++)
            {
                q[r] = (R[r][0] * p[0]) + (R[r][1] * p[1]) + (R[r][2] * p[2]) + T[r];
            }

            sb.Append(CultureInfo.InvariantCulture, $"P{i},{p[0]:R},{p[1]:R},{p[2]:R},{q[0]:R},{q[1]:R},{q[2]:R}\n");
        }

        var path = Path.Combine(_dir, "points.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement.Clone();

    private JsonElement ShowCamera()
    {
        var (code, output, err) = Stagectl.Run("calibrate", "show", "--coordinator", Url, "--json");
        Assert.True(code == 0, err);
        return LastJson(output).GetProperty("cameras")[0];
    }

    [Fact]
    public void Show_Fresh_EveryCameraAtVersionOneUnregistered()
    {
        // Act
        var camera = ShowCamera();
        var (code, table, _) = Stagectl.Run("calibrate", "show", "--coordinator", Url);

        // Assert
        Assert.Equal("A-cam", camera.GetProperty("camera").GetString());
        Assert.Equal("1", camera.GetProperty("version").GetString());
        Assert.False(camera.TryGetProperty("registration", out _));
        Assert.Equal(0, camera.GetProperty("delayMs").GetDouble());
        Assert.Equal(0, code);
        Assert.Contains("A-cam", table, StringComparison.Ordinal);
        Assert.Contains("never", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Points_SolvedOnTheCoordinatorAppliedWithResiduals()
    {
        // Arrange
        var points = WritePoints();

        // Act
        var (code, output, err) = Stagectl.Run("calibrate", "apply", "--coordinator", Url, "--camera", "A-cam", "--points", points, "--json");
        var shown = ShowCamera();

        // Assert
        Assert.True(code == 0, err);
        var json = LastJson(output);
        Assert.Equal("A-cam", json.GetProperty("camera").GetString());
        var rotation = json.GetProperty("rotation");
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(R[r][c], rotation[r][c].GetDouble(), 9);
            }
        }

        Assert.Equal(T[2], json.GetProperty("translation")[2].GetDouble(), 9);
        Assert.Equal(1, json.GetProperty("scale").GetDouble());
        Assert.True(json.GetProperty("rmsM").GetDouble() < 1e-9);
        Assert.Equal(Points.Length, json.GetProperty("residualsM").GetArrayLength());
        Assert.Equal("2", json.GetProperty("calibration").GetProperty("version").GetString());
        Assert.Equal("2", shown.GetProperty("version").GetString());
        Assert.Equal(Points.Length, shown.GetProperty("registration").GetProperty("pointCount").GetInt32());
        Assert.Equal(-1, shown.GetProperty("registration").GetProperty("rotation")[6].GetDouble(), 9);
    }

    [Fact]
    public void Apply_PointsTable_PrintsTheResidualsAndTheNewCalibration()
    {
        // Act
        var (code, output, err) = Stagectl.Run("calibrate", "apply", "--coordinator", Url, "--camera", "A-cam", "--points", WritePoints());

        // Assert
        Assert.True(code == 0, err);
        Assert.Contains("Registration tracker → stage", output, StringComparison.Ordinal);
        Assert.Contains("RMS = 0.000 mm over 6 points", output, StringComparison.Ordinal);
        Assert.Contains("P5", output, StringComparison.Ordinal);
        Assert.Contains("Applied to camera A-cam: version 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_PointsDelayAndFilter_OneChange()
    {
        // Act
        var (code, output, err) = Stagectl.Run("calibrate", "apply", "--coordinator", Url, "--camera", "A-cam",
            "--points", WritePoints(), "--scale", "--delay-ms", "-12.5", "--filter", "1.2,0.007", "--json");

        // Assert: solved without applying, then set together: one version step.
        Assert.True(code == 0, err);
        var calibration = LastJson(output).GetProperty("calibration");
        Assert.Equal("2", calibration.GetProperty("version").GetString());
        Assert.Equal(-12.5, calibration.GetProperty("delayMs").GetDouble());
        Assert.Equal(1.2, calibration.GetProperty("filter").GetProperty("minCutoffHz").GetDouble());
        Assert.Equal(1.0, calibration.GetProperty("filter").GetProperty("derivativeCutoffHz").GetDouble());
        Assert.Equal(1, calibration.GetProperty("registration").GetProperty("scale").GetDouble(), 9);
        Assert.Equal("2", ShowCamera().GetProperty("version").GetString());
    }

    [Fact]
    public void Apply_DelayThenFilterOff_OnlyThoseChange()
    {
        // Arrange
        Assert.Equal(0, Stagectl.Run("calibrate", "apply", "--coordinator", Url, "--camera", "A-cam", "--filter", "1,0.01,2").Code);

        // Act
        var (code, output, err) = Stagectl.Run("calibrate", "apply", "--coordinator", Url, "--camera", "A-cam", "--delay-ms", "8", "--filter", "off", "--json");

        // Assert
        Assert.True(code == 0, err);
        var calibration = LastJson(output).GetProperty("calibration");
        Assert.Equal(8, calibration.GetProperty("delayMs").GetDouble());
        Assert.False(calibration.TryGetProperty("filter", out _));
        Assert.Equal("3", calibration.GetProperty("version").GetString());
        Assert.False(LastJson(output).TryGetProperty("rmsM", out _));
    }

    [Theory]
    [InlineData("--delay-ms", "-750", "delay_ms: -750 is outside -500..500")]
    [InlineData("--filter", "0,0.01", "filter.min_cutoff_hz: 0 is not a positive finite number")]
    [InlineData("--camera", "Z-cam", "camera: unknown camera 'Z-cam'; the stage has cameras A-cam")]
    public void Apply_Refused_ExitOneNamingTheOptionAndTheField(string option, string value, string detail)
    {
        // Arrange
        var args = new List<string> { "calibrate", "apply", "--coordinator", Url };
        if (option != "--camera")
        {
            args.AddRange(["--camera", "A-cam"]);
        }
        else
        {
            args.AddRange(["--delay-ms", "1"]);
        }

        args.AddRange([option, value]);

        // Act
        var (code, output, err) = Stagectl.Run([.. args]);

        // Assert
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{option}: the coordinator refused the calibration: {detail}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
        Assert.Equal("1", ShowCamera().GetProperty("version").GetString());
    }

    [Fact]
    public void Apply_CollinearPoints_ExitOneNamingPoints()
    {
        // Arrange
        var path = Path.Combine(_dir, "line.csv");
        File.WriteAllText(path, "name,tracker_x,tracker_y,tracker_z,stage_x,stage_y,stage_z\na,0,0,0,0,0,0\nb,1,0,0,1,0,0\nc,2,0,0,2,0,0\n");

        // Act
        var (code, _, err) = Stagectl.Run("calibrate", "apply", "--coordinator", Url, "--camera", "A-cam", "--points", path);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("--points: the coordinator refused the calibration: points: the tracker points are collinear", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--filter", "fast", 1, "--filter: 'fast' is not 'off' or MIN_CUTOFF,BETA[,D_CUTOFF]")]
    [InlineData("--points", "/nonexistent/points.csv", 1, "--points: file '/nonexistent/points.csv' not found")]
    [InlineData("--scale", null, 2, "--scale goes with --points")]
    [InlineData(null, null, 2, "nothing to apply")]
    public void Apply_BadInputOrUsage_ExitCodeAndMessage(string? option, string? value, int expected, string message)
    {
        // Arrange
        var args = new List<string> { "calibrate", "apply", "--coordinator", Url, "--camera", "A-cam" };
        if (option is not null)
        {
            args.Add(option);
        }

        if (value is not null)
        {
            args.Add(value);
        }

        // Act
        var (code, _, err) = Stagectl.Run([.. args]);

        // Assert
        Assert.Equal(expected, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_AfterApply_CamerasTableSaysRegisteredAndDelay()
    {
        // Arrange
        var (beforeCode, before, _) = Stagectl.Run("status", "--coordinator", Url);
        Assert.Equal(0, Stagectl.Run("calibrate", "apply", "--coordinator", Url, "--camera", "A-cam", "--points", WritePoints(), "--delay-ms", "-7.5").Code);

        // Act
        var (code, after, err) = Stagectl.Run("status", "--coordinator", Url);
        var (jsonCode, json, _) = Stagectl.Run("status", "--coordinator", Url, "--json");

        // Assert
        Assert.Equal(0, beforeCode);
        Assert.Contains("registered", before, StringComparison.Ordinal);
        var row = before.Split('\n').Single(l => l.StartsWith("│ A-cam", StringComparison.Ordinal));
        Assert.Contains(" no ", row, StringComparison.Ordinal);
        Assert.True(code == 0, err);
        var registeredRow = after.Split('\n').Single(l => l.StartsWith("│ A-cam", StringComparison.Ordinal));
        Assert.Contains("rms 0.0 mm", registeredRow, StringComparison.Ordinal);
        Assert.Contains("-7.5", registeredRow, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        var calibration = LastJson(json).GetProperty("calibration")[0];
        Assert.Equal(-7.5, calibration.GetProperty("delayMs").GetDouble());
    }

    [Fact]
    public void DefaultStateDirectory_ConfigFile_FileNameDotStateBesideIt()
    {
        // Act
        var dir = CoordinatorCommand.DefaultStateDirectory(Path.Combine(_dir, "stage.json"));

        // Assert
        Assert.Equal(Path.Combine(_dir, "stage.json.state"), dir);
    }
}
