// Metadata rules (grpc/grpc doc/PROTOCOL-HTTP2.md "Custom-Metadata"; shared/notes/grpc-wire.md §1.1).
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Tests.Wire;

public sealed class MetadataTests
{
    [Fact]
    public void ToHeaderValue_BinaryEntry_IsUnpaddedBase64()
    {
        // Arrange: 4 bytes → "AAEC/w==" padded.
        var entry = new Metadata.Entry("x-data-bin", [0x00, 0x01, 0x02, 0xFF]);

        // Act
        var wire = MetadataCodec.ToHeaderValue(entry);

        // Assert
        Assert.Equal("AAEC/w", wire);
    }

    [Theory]
    [InlineData("AAEC/w")]
    [InlineData("AAEC/w==")]
    public void AddFromHeader_BinaryKey_AcceptsPaddedAndUnpadded(string wire)
    {
        // Arrange
        var metadata = new Metadata();

        // Act
        MetadataCodec.AddFromHeader(metadata, "X-Data-Bin", wire);

        // Assert
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0xFF }, metadata.GetValueBytes("x-data-bin"));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("content-type")]
    [InlineData("te")]
    [InlineData(":path")]
    [InlineData("user-agent")]
    public void AddFromHeader_ReservedName_IsSkipped(string name)
    {
        // Arrange
        var metadata = new Metadata();

        // Act
        MetadataCodec.AddFromHeader(metadata, name, "x");

        // Assert
        Assert.Empty(metadata);
    }

    [Fact]
    public void Entry_KeysAreLowerCasedAndValidated()
    {
        // Act / Assert
        Assert.Equal("x-upper", new Metadata.Entry("X-Upper", "v").Key);
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("bad key", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-text", [1]));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-text", "new\nline"));
    }
}
