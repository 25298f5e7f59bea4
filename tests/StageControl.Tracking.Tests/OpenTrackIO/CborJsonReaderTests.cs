// The RFC 8949 reader: Appendix A examples (every major type, floats of each width, indefinite lengths, tags)
// and every rejection reason.
using StageControl.Tests.Shared;
using StageControl.Tracking.OpenTrackIO.Cbor;

namespace StageControl.Tracking.Tests.OpenTrackIO;

public sealed class CborJsonReaderTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    // RFC 8949 Appendix A, "Examples of Encoded CBOR Data Items" (hex → diagnostic value, shown here as JSON).
    [InlineData("00", "0")]
    [InlineData("17", "23")]
    [InlineData("1818", "24")]
    [InlineData("1903e8", "1000")]
    [InlineData("1a000f4240", "1000000")]
    [InlineData("1b000000e8d4a51000", "1000000000000")]
    [InlineData("1bffffffffffffffff", "18446744073709551615")]
    [InlineData("3bffffffffffffffff", "-18446744073709551616")]
    [InlineData("20", "-1")]
    [InlineData("3903e7", "-1000")]
    [InlineData("f93c00", "1")]
    [InlineData("f93e00", "1.5")]
    [InlineData("f97bff", "65504")]
    [InlineData("f90001", "5.960464477539063E-08")]
    [InlineData("f9c400", "-4")]
    [InlineData("fa47c35000", "100000")]
    [InlineData("fb3ff199999999999a", "1.1")]
    [InlineData("fbc010666666666666", "-4.1")]
    [InlineData("f97c00", "\"Infinity\"")]
    [InlineData("f97e00", "\"NaN\"")]
    [InlineData("f9fc00", "\"-Infinity\"")]
    [InlineData("f4", "false")]
    [InlineData("f5", "true")]
    [InlineData("f6", "null")]
    [InlineData("f7", "null")]
    [InlineData("60", "\"\"")]
    [InlineData("6449455446", "\"IETF\"")]
    [InlineData("62c3bc", "\"\u00fc\"")]
    [InlineData("4401020304", "\"AQIDBA==\"")]
    [InlineData("80", "[]")]
    [InlineData("8301820203820405", "[1,[2,3],[4,5]]")]
    [InlineData("a0", "{}")]
    [InlineData("a201020304", "{\"1\":2,\"3\":4}")]
    [InlineData("a26161016162820203", "{\"a\":1,\"b\":[2,3]}")]
    [InlineData("5f42010243030405ff", "\"AQIDBAU=\"")]
    [InlineData("7f657374726561646d696e67ff", "\"streaming\"")]
    [InlineData("9fff", "[]")]
    [InlineData("9f018202039f0405ffff", "[1,[2,3],[4,5]]")]
    [InlineData("bf61610161629f0203ffff", "{\"a\":1,\"b\":[2,3]}")]
    [InlineData("c11a514b67b0", "1363896240")]
    [InlineData("c074323031332d30332d32315432303a30343a30305a", "\"2013-03-21T20:04:00Z\"")]
    [InlineData("d82076687474703a2f2f7777772e6578616d706c652e636f6d", "\"http://www.example.com\"")]
    public void TryRead_Rfc8949AppendixA_ConvertsToJson(string hex, string expectedJson)
    {
        // Arrange
        var data = Convert.FromHexString(hex);

        // Act
        var error = CborJsonReader.TryRead(data, out var node, out _);

        // Assert
        Assert.Equal(CborError.None, error);
        Assert.Equal(expectedJson, node?.ToJsonString(Relaxed) ?? "null");
    }

    [Theory]
    [InlineData("", CborError.Truncated)]
    [InlineData("19", CborError.Truncated)]
    [InlineData("1c", CborError.Malformed)]
    [InlineData("1f", CborError.Malformed)]
    [InlineData("df", CborError.Malformed)]
    [InlineData("ff", CborError.UnexpectedBreak)]
    [InlineData("8201ff", CborError.UnexpectedBreak)]
    [InlineData("5f6161ff", CborError.BadChunk)]
    [InlineData("5f5f4101ffff", CborError.BadChunk)]
    [InlineData("62c328", CborError.InvalidUtf8)]
    [InlineData("7f62c328ff", CborError.InvalidUtf8)]
    [InlineData("a1f501", CborError.UnsupportedMapKey)]
    [InlineData("a2616101616102", CborError.DuplicateMapKey)]
    [InlineData("f0", CborError.UnsupportedSimpleValue)]
    [InlineData("f8ff", CborError.UnsupportedSimpleValue)]
    [InlineData("f818", CborError.Malformed)]
    [InlineData("fc", CborError.Malformed)]
    [InlineData("0000", CborError.TrailingBytes)]
    [InlineData("9f01", CborError.Truncated)]
    [InlineData("9b7fffffffffffffff", CborError.Truncated)]
    [InlineData("5bffffffffffffffff", CborError.Truncated)]
    [InlineData("bb7fffffffffffffff", CborError.Truncated)]
    public void TryRead_InvalidItem_RejectedWithReason(string hex, CborError expected)
    {
        // Arrange
        var data = Convert.FromHexString(hex);

        // Act
        var error = CborJsonReader.TryRead(data, out var node, out var offset);

        // Assert
        Assert.Equal(expected, error);
        Assert.Null(node);
        Assert.InRange(offset, 0, data.Length);
    }

    [Fact]
    public void TryRead_NestingBeyondLimit_TooDeep()
    {
        // Arrange: MaxDepth + 1 nested one-element arrays around 0
        var data = Enumerable.Repeat((byte)0x81, CborJsonReader.MaxDepth + 1).Append((byte)0).ToArray();
        var atLimit = Enumerable.Repeat((byte)0x81, CborJsonReader.MaxDepth).Append((byte)0).ToArray();

        // Act
        var tooDeep = CborJsonReader.TryRead(data, out _, out _);
        var fine = CborJsonReader.TryRead(atLimit, out _, out _);

        // Assert
        Assert.Equal((CborError.TooDeep, CborError.None), (tooDeep, fine));
    }

    [Fact]
    public void TryRead_100kMutatedItems_NeverThrows()
    {
        // Arrange: a CBOR version of an OpenTrackIO example plus indefinite-length items
        var rng = new Random(8949);
        var seeds = new[]
        {
            CborTestWriter.FromJson(System.Text.Json.Nodes.JsonNode.Parse(TestVectors.Text("opentrackio/recommended_dynamic_example.json"))),
            Convert.FromHexString("bf61610161629f0203ffff"),
            Convert.FromHexString("9f018202039f0405ffff7f657374726561646d696e67ff"),
        };
        var results = new HashSet<CborError>();

        // Act
        for (var i = 0; i < 100_000; i++)
        {
            var mutated = Mutator.Mutate(rng, seeds[i % seeds.Length]);
            var error = CborJsonReader.TryRead(mutated, out var node, out _);
            results.Add(error);

            // Assert (per item): a result is either an error without a tree or a tree that serialises
            if (error == CborError.None)
            {
                Assert.NotNull(node?.ToJsonString() ?? "null");
            }
            else
            {
                Assert.Null(node);
            }
        }

        // Assert
        Assert.Contains(CborError.None, results);
        Assert.True(results.Count > 4, string.Join(",", results));
    }
}
