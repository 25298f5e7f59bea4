using System.Text.Json.Nodes;
using StageControl.Core.Stage;

namespace StageControl.Core.Tests.Stage;

/// <summary>The demo config copies panel and processor figures from hardware/; these tests keep the copies equal to
/// the profiles they cite, and the FreeD vendor list equal to <see cref="FreeDVendors"/>.</summary>
public sealed class HardwareProfileTests
{
    private static JsonObject Profile(string relative) =>
        JsonNode.Parse(File.ReadAllText(TestStage.HardwarePath(relative)))!.AsObject();

    [Fact]
    public void DemoPanelTypes_EqualTheProfilesTheyCite()
    {
        // Arrange
        var stage = StageConfigLoader.LoadFile(TestStage.DemoPath).Config!;

        // Act / Assert
        Assert.Equal(2, stage.PanelTypes.Count);
        foreach (var type in stage.PanelTypes)
        {
            Assert.NotNull(type.Profile);
            var p = Profile(type.Profile!);
            Assert.Equal((string?)p["manufacturer"], type.Manufacturer);
            Assert.Equal((string?)p["model"], type.Model);
            Assert.Equal((double)p["widthMm"]!, type.WidthMm);
            Assert.Equal((double)p["heightMm"]!, type.HeightMm);
            Assert.Equal((int)p["pixelsX"]!, type.PixelsX);
            Assert.Equal((int)p["pixelsY"]!, type.PixelsY);
            Assert.Equal((double)p["pitchMm"]!, type.PitchMm);
            Assert.False(string.IsNullOrWhiteSpace((string?)p["source"]));
        }
    }

    [Fact]
    public void DemoProcessors_EqualTheProfilesTheyCite()
    {
        // Arrange
        var stage = StageConfigLoader.LoadFile(TestStage.DemoPath).Config!;

        // Act / Assert
        foreach (var proc in stage.Processors)
        {
            Assert.NotNull(proc.Profile);
            var p = Profile(proc.Profile!);
            Assert.EndsWith((string)p["model"]!, proc.Model, StringComparison.Ordinal);
            Assert.StartsWith(((string)p["manufacturer"]!).Split(' ')[0], proc.Model, StringComparison.Ordinal);
            Assert.Equal((int)p["outputs"]!, proc.Outputs.Count);
            Assert.All(proc.Outputs, o => Assert.Equal((long)p["pixelsPerOutput"]!, o.PixelCapacity));
            Assert.Equal((long)p["maxPixels"]!, proc.MaxPixels);
            Assert.Equal((int)p["tenGigOutputs"]! * (int)p["portsPerTenGigOutput"]!, (int)p["outputs"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)p["source"]));
        }
    }

    [Fact]
    public void FreeDVendorProfiles_MatchFreeDVendorsInCore()
    {
        // Arrange
        var vendors = Profile("hardware/trackers/freed-vendors.json")["vendors"]!.AsArray();

        // Act
        var fromFile = vendors.ToDictionary(v => (string)v!["id"]!, v => (int?)v!["defaultPort"] ?? 0);

        // Assert: ports from shared/notes/protocols.md §1.5.
        Assert.Equal(FreeDVendors.DefaultPorts.OrderBy(kv => kv.Key), fromFile.OrderBy(kv => kv.Key));
        Assert.Equal(8001, fromFile["mo-sys"]);
        Assert.Equal(6301, fromFile["stype"]);
        Assert.Equal(1111, fromFile["panasonic"]);
        Assert.Equal(40000, fromFile["generic"]);
    }

    [Fact]
    public void OpenTrackIOProfile_HasTheSpecDefaults()
    {
        // Act
        var p = Profile("hardware/trackers/opentrackio.json");

        // Assert: protocols.md §3.2 — port 55555, source numbers 1–200.
        Assert.Equal(55555, (int)p["defaultPort"]!);
        Assert.Equal((1, 200), ((int)p["sourceNumbers"]!["min"]!, (int)p["sourceNumbers"]!["max"]!));
    }
}
