// grpc-message: UTF-8 then percent-encode bytes outside 0x20–0x7E and '%' (grpc/grpc doc/PROTOCOL-HTTP2.md "Responses").
using FsCheck;
using FsCheck.Fluent;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Tests.Wire;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("\"quoted\" ~", "\"quoted\" ~")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("€", "%E2%82%AC")]
    public void Encode_Examples(string message, string wire)
    {
        // Act / Assert
        Assert.Equal(wire, PercentEncoding.Encode(message));
        Assert.Equal(message, PercentEncoding.Decode(wire));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%ZZok", "%ZZok")]
    [InlineData("a%2", "a%2")]
    [InlineData("%c3%a9", "é")]
    public void Decode_MalformedOrLowerCase_NeverFails(string wire, string expected)
    {
        // Act
        var decoded = PercentEncoding.Decode(wire);

        // Assert
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public void Decode_InvalidUtf8_ReplacesInsteadOfThrowing()
    {
        // Act
        var decoded = PercentEncoding.Decode("bad%FFbyte");

        // Assert
        Assert.Equal("bad\uFFFDbyte", decoded);
    }

    [Fact]
    public void EncodeDecode_RoundTripsAnyWellFormedString()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            // Arrange: drop lone surrogates, which UTF-8 cannot carry.
            var input = new string((text ?? string.Empty).Where(c => !char.IsSurrogate(c)).ToArray());

            // Act
            var wire = PercentEncoding.Encode(input);

            // Assert
            return wire.All(c => c is >= ' ' and <= '~') && PercentEncoding.Decode(wire) == input;
        }).QuickCheckThrowOnFailure();
    }
}
