// Vendor readings of FreeD zoom/focus/spare (shared/notes/protocols.md §1.6), and the built-in table against
// hardware/trackers/freed-vendors.json so the two cannot drift.
using System.Text.Json;
using StageControl.Tracking.FreeD;

namespace StageControl.Tracking.Tests.FreeD;

public sealed class FreeDVendorProfileTests
{
    private static FreeDVendorProfile Vendor(string id)
    {
        Assert.True(FreeDVendorProfile.TryGet(id, out var profile), id);
        return profile;
    }

    private static FreeDSample Sample(int zoom, int focus, ushort spare) => new(1, 0, 0, 0, 0, 0, 0, zoom, focus, spare);

    [Fact]
    public void Read_ZCamVector_GivesFocalLengthFocusIrisAndCounter()
    {
        // Arrange: shared/data/freed "zcam lens" — zoom 950, focus 12300, spare 0x5118 (20760).
        var d1 = Sample(950, 12300, 20760);

        // Act
        var r = Vendor("zcam").Read(d1);

        // Assert: 9.50 mm, 1230.0 mm, F2.80 (0x118 = 280), frame counter 5; raw normalisation does not apply.
        Assert.Equal(9.5, r.FocalLengthMm, 12);
        Assert.Equal(1.23, r.FocusDistanceM, 12);
        Assert.Equal(2.8, r.FNumber, 12);
        Assert.Equal(5, r.FrameCounter);
        Assert.True(double.IsNaN(r.ZoomNormalized));
        Assert.Equal(-1, r.TrackingQuality);
    }

    [Theory]
    [InlineData(0x7FFFFF, 0.0)]
    [InlineData(0, 1.0)]
    [InlineData(0x3FFFFF, 0.5)]
    public void Read_SonyFocus_IsInverted(int focus, double expected)
    {
        // Act
        var r = Vendor("sony").Read(Sample(0, focus, 0));

        // Assert
        Assert.Equal(expected, r.FocusNormalized, 6);
    }

    [Theory]
    [InlineData(0x555, 0.0)]
    [InlineData(0xFFF, 1.0)]
    [InlineData(0x100, 0.0)]
    public void Read_PanasonicZoomAndIris_ScaleOver555ToFff(int raw, double expected)
    {
        // Act
        var r = Vendor("panasonic").Read(Sample(raw, raw, (ushort)raw));

        // Assert: below the range clamps to 0.
        Assert.Equal(expected, r.ZoomNormalized, 12);
        Assert.Equal(expected, r.IrisNormalized, 12);
    }

    [Fact]
    public void Read_MoSysSpare_LowByteIsTrackingQuality()
    {
        // Act
        var r = Vendor("mo-sys").Read(Sample(0x8000, 0xFFFF, 0x1203));

        // Assert
        Assert.Equal(3, r.TrackingQuality);
        Assert.Equal(0x8000 / 65535.0, r.ZoomNormalized, 12);
        Assert.Equal(1.0, r.FocusNormalized, 12);
    }

    [Fact]
    public void Read_GenericMask_KeepsLow16Bits()
    {
        // Act: Unreal's generic preset masks 0xFFFF and scales over 0 … 0x10000.
        var r = Vendor("generic").Read(Sample(0x1_8000, 0, 0));

        // Assert
        Assert.Equal(0x8000 / 65536.0, r.ZoomNormalized, 12);
    }

    [Fact]
    public void Read_VizrtOffset_SubtractsZero()
    {
        // Act
        var r = Vendor("vizrt").Read(Sample(0x80000 + 1234, 0x80000 - 10, 0));

        // Assert
        Assert.Equal(1234, r.ZoomOffsetValue);
        Assert.Equal(-10, r.FocusOffsetValue);
    }

    [Fact]
    public void Read_AnyVendor_AllocatesNothing()
    {
        // Arrange
        var profile = Vendor("zcam");
        var d1 = Sample(950, 12300, 20760);
        profile.Read(d1);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (var i = 0; i < 10_000; i++)
        {
            sum += profile.Read(d1).FocalLengthMm;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.Equal(95_000, sum, 6);
    }

    [Fact]
    public void BuiltIn_MatchesHardwareVendorTable()
    {
        // Arrange
        var path = Path.Combine(AppContext.BaseDirectory, "hardware", "trackers", "freed-vendors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var vendors = doc.RootElement.GetProperty("vendors").EnumerateArray().ToList();

        // Act / Assert: same ids in the same order, same ports and field encodings.
        Assert.Equal(vendors.Select(v => v.GetProperty("id").GetString()), FreeDVendorProfile.BuiltIn.Select(p => p.Id));
        foreach (var v in vendors)
        {
            var p = Vendor(v.GetProperty("id").GetString()!);
            var port = v.GetProperty("defaultPort");
            Assert.Equal(port.ValueKind == JsonValueKind.Null ? null : port.GetInt32(), p.DefaultPort);
            AssertField(v.GetProperty("zoom"), p.Zoom, p.Id + ".zoom");
            AssertField(v.GetProperty("focus"), p.Focus, p.Id + ".focus");
        }
    }

    private static void AssertField(JsonElement json, FreeDEncoderField field, string what)
    {
        var encoding = json.GetProperty("encoding").GetString();
        var kind = encoding switch
        {
            "raw" => FreeDEncoderKind.Raw,
            "focal-length-mm-x100" => FreeDEncoderKind.FocalLengthMmX100,
            "distance-mm-x10" => FreeDEncoderKind.DistanceMmX10,
            "offset" => FreeDEncoderKind.Offset,
            _ => throw new InvalidDataException($"{what}: unknown encoding {encoding}"),
        };
        Assert.True(kind == field.Kind, what);
        if (kind == FreeDEncoderKind.Raw)
        {
            Assert.True(json.GetProperty("min").GetInt32() == field.Min, what + ".min");
            Assert.True(json.GetProperty("max").GetInt32() == field.Max, what + ".max");
            Assert.True((json.TryGetProperty("mask", out var mask) ? mask.GetInt32() : 0) == field.Mask, what + ".mask");
        }
        else if (kind == FreeDEncoderKind.Offset)
        {
            Assert.True(json.GetProperty("zero").GetInt32() == field.Zero, what + ".zero");
        }
    }
}
