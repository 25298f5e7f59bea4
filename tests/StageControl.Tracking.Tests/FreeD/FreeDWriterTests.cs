// FreeD encoder: golden bytes, encode→decode property (FsCheck), FromPose rounding.
using FsCheck;
using FsCheck.Fluent;
using StageControl.Tracking.FreeD;

namespace StageControl.Tracking.Tests.FreeD;

public sealed class FreeDWriterTests
{
    [Fact]
    public void Write_PoseA_ProducesGoldenBytes()
    {
        // Arrange: protocols.md §1.8 third vector
        var sample = FreeDSample.FromPose(3, 10, -5, 0, 1000, 2000, 1500, 0, 0, 0);
        var buffer = new byte[29];

        // Act
        var written = FreeDWriter.Write(sample, buffer);

        // Assert
        Assert.Equal(29, written);
        Assert.Equal(TestVectors.FreeD("pose_a"), buffer);
    }

    [Fact]
    public void Write_ZCamLens_ProducesGoldenBytes()
    {
        // Arrange: protocols.md §1.8 fourth vector
        var sample = FreeDSample.FromPose(1, 30, -10, 0, 0, 0, 0, 950, 12300, 0x5118);
        var buffer = new byte[29];

        // Act
        FreeDWriter.Write(sample, buffer);

        // Assert
        Assert.Equal(TestVectors.FreeD("zcam_style_lens"), buffer);
    }

    [Fact]
    public void WriteThenRead_AnySample_RoundTrips()
    {
        // Arrange
        var int24 = Gen.Choose(-0x800000, 0x7FFFFF);
        var uint24 = Gen.Choose(0, 0xFFFFFF);
        var gen =
            from camera in Gen.Choose(0, 255)
            from angles in Gen.Three(int24)
            from position in Gen.Three(int24)
            from lens in Gen.Two(uint24)
            from spare in Gen.Choose(0, 0xFFFF)
            select new FreeDSample((byte)camera, angles.Item1, angles.Item2, angles.Item3, position.Item1, position.Item2, position.Item3, lens.Item1, lens.Item2, (ushort)spare);

        // Act + Assert
        Prop.ForAll(Arb.From(gen), sample =>
        {
            var buffer = new byte[29];
            FreeDWriter.Write(sample, buffer);
            return FreeDReader.TryReadDatagram(buffer, out var decoded, out _) == System.Buffers.OperationStatus.Done && decoded == sample;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FromPose_HalfLsb_RoundsToNearest()
    {
        // Arrange: 1.5 LSB rounds to 2 (truncating encoders give 1, protocols.md §1.7)
        var pan = 1.5 / 32768;

        // Act
        var sample = FreeDSample.FromPose(1, pan, -pan, 0, 1.5 / 64, 0, 0, 0, 0, 0);

        // Assert
        Assert.Equal((2, -2, 2), (sample.PanRaw, sample.TiltRaw, sample.XRaw));
    }

    [Fact]
    public void FromPose_OutOfRange_Throws()
    {
        // Arrange + Act + Assert: 256° does not fit int24 at 1/32768°
        Assert.Throws<ArgumentOutOfRangeException>(() => FreeDSample.FromPose(1, 256, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
