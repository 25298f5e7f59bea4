// The state files' format: what is written reads back the same, and every problem in a file is named by its JSON path.
using StageControl.Coordinator.State;
using StageControl.Coordinator.Tests.Calibration;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Tests.State;

public sealed class StateFilesTests
{
    private const string Good = """
        {
          "format": 1,
          "cameras": {
            "A-cam": {
              "version": 3,
              "changedBy": "technician:alice",
              "changedUnixNs": 1735689600000000000,
              "registration": {
                "rotation": [[0, 0, 1], [0, 1, 0], [-1, 0, 0]],
                "translation": [0.5, 0, 2],
                "scale": 1,
                "rmsM": 0.001,
                "solvedUnixNs": 1735689600000000000,
                "pointCount": 4
              },
              "delayMs": -12.5,
              "filter": { "minCutoffHz": 1, "beta": 0.007, "derivativeCutoffHz": 1 }
            }
          }
        }
        """;

    [Fact]
    public void FormatCalibration_ThenParse_SameRecords()
    {
        // Arrange
        var records = new[]
        {
            new CameraCalibration
            {
                Camera = "A-cam", Version = 7, ChangedBy = "technician:alice", ChangedUnixNs = 1_735_689_600_123_456_789,
                Registration = CalibrationStoreTests.QuarterTurn(1.0000001), DelayMs = -12.25,
                Filter = new OneEuroParameters { MinCutoffHz = 0.8, Beta = 0.0071, DerivativeCutoffHz = 1.2 },
            },
            new CameraCalibration { Camera = "B cam (old)", Version = 1 },
        };
        records[0].Registration.SolvedUnixNs = 1_735_689_000_000_000_001;

        // Act
        var parsed = StateFiles.ParseCalibration(System.Text.Encoding.UTF8.GetString(StateFiles.FormatCalibration(records)));

        // Assert
        Assert.Equal(records, parsed);
    }

    [Fact]
    public void FormatOperator_ThenParse_SameStateFromTheStart()
    {
        // Arrange
        var state = new OperatorState
        {
            ActiveCamera = "A-cam", OverscanPct = 12.5, SoftEdge = 0.2, DelayOffsetMs = -8, Version = 42,
            ChromaKey = new ChromaKey { Enabled = true, Red = 0, Green = 0.7f, Blue = 0.2f }, AppliesFromFrame = 1234,
        };

        // Act
        var parsed = StateFiles.ParseOperator(System.Text.Encoding.UTF8.GetString(StateFiles.FormatOperator(state)));

        // Assert
        Assert.Equal(new OperatorState(state) { AppliesFromFrame = long.MinValue }, parsed);
    }

    [Fact]
    public void ParseCalibration_GoodFile_Values()
    {
        // Act
        var record = Assert.Single(StateFiles.ParseCalibration(Good));

        // Assert
        Assert.Equal("A-cam", record.Camera);
        Assert.Equal(3UL, record.Version);
        Assert.Equal([0, 0, 1, 0, 1, 0, -1, 0, 0], record.Registration.Rotation);
        Assert.Equal(-12.5, record.DelayMs);
        Assert.Equal(0.007, record.Filter.Beta);
    }

    [Theory]
    [InlineData("\"delayMs\": -12.5", "\"delayMs\": 900", "$.cameras['A-cam'].delayMs: 900 is outside -500..500")]
    [InlineData("[-1, 0, 0]]", "[-1, 0, 0.1]]", "$.cameras['A-cam'].registration.rotation: is not orthonormal")]
    [InlineData("[[0, 0, 1], [0, 1, 0], [-1, 0, 0]]", "[[0, 0, -1], [0, 1, 0], [-1, 0, 0]]", "$.cameras['A-cam'].registration.rotation: has determinant -1")]
    [InlineData("[0, 1, 0], [-1", "[0, \"one\", 0], [-1", "$.cameras['A-cam'].registration.rotation[1][1]: must be a finite number, not the string \"one\"")]
    [InlineData("[-1, 0, 0]]", "[-1, 0]]", "$.cameras['A-cam'].registration.rotation[2]: must be a row of 3 numbers")]
    [InlineData("\"translation\": [0.5, 0, 2]", "\"translation\": [0.5, 0]", "$.cameras['A-cam'].registration.translation: must be 3 numbers")]
    [InlineData("\"scale\": 1,", "\"scale\": 250,", "$.cameras['A-cam'].registration.scale: 250 is outside (0.01, 100)")]
    [InlineData("\"scale\": 1,", "", "$.cameras['A-cam'].registration.scale: required field 'scale' is missing")]
    [InlineData("\"minCutoffHz\": 1", "\"minCutoffHz\": -1", "$.cameras['A-cam'].filter.minCutoffHz: -1 is not a positive finite number")]
    [InlineData("\"beta\": 0.007", "\"betta\": 0.007", "$.cameras['A-cam'].filter.betta: unknown field 'betta'")]
    [InlineData("\"version\": 3", "\"version\": 0", "$.cameras['A-cam'].version: 0 is outside 1..")]
    [InlineData("\"format\": 1", "\"format\": 2", "$.format: format 2 is not understood")]
    [InlineData("\"changedBy\": \"technician:alice\",", "\"changedBy\": \"technician:alice\"", "$: malformed JSON at line 7, column 7")]
    public void ParseCalibration_BrokenFile_NamesThePathAndTheProblem(string find, string replace, string expected)
    {
        // Arrange
        Assert.Contains(find, Good, StringComparison.Ordinal);
        var broken = Good.Replace(find, replace, StringComparison.Ordinal);

        // Act
        var e = Assert.Throws<StateFileException>(() => StateFiles.ParseCalibration(broken));

        // Assert
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"format\":1,\"version\":3,\"activeCamera\":\"A-cam\",\"overscanPct\":150}", "$.overscanPct: 150 is outside 0..100")]
    [InlineData("{\"format\":1,\"version\":3,\"activeCamera\":\"A-cam\",\"chromaKey\":{\"enabled\":true,\"red\":2,\"green\":0,\"blue\":0}}", "$.chromaKey.red: 2 is outside 0..1")]
    [InlineData("{\"format\":1,\"activeCamera\":\"A-cam\"}", "$.version: required field 'version' is missing")]
    [InlineData("[1, 2]", "$: must be a JSON object, not an array")]
    public void ParseOperator_BrokenFile_NamesThePathAndTheProblem(string json, string expected)
    {
        // Act
        var e = Assert.Throws<StateFileException>(() => StateFiles.ParseOperator(json));

        // Assert
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
