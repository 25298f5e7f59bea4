// `stagectl track decode` run in-process: the exact JSON of the DESIGN.md "Contracts" vectors, the input forms,
// and exit codes 1 (bad packet, reason on stderr) and 2 (usage).
using System.Text;
using StageControl.Cli;

namespace StageControl.Cli.Tests;

public sealed class TrackDecodeCommandTests : IDisposable
{
    // protocols.md §1.8 / shared/data freed_d1_vectors.txt
    private const string PoseA = "d103050000fd800000000000fa0001f400017700000000000000000083";
    private const string ZCam = "d1010f0000fb00000000000000000000000000000003b600300c511806";

    // OSC 1.0 spec example and shared/data osc_vectors.txt §C bundle
    private const string Osc440 = "2f6f7363696c6c61746f722f342f6672657175656e6379002c66000043dc0000";
    private const string OscBundle = "2362756e646c6500ea1d650a80000000000000302f63616d6572612f312f706f736500002c666666666666003f80000040000000404000004334000042b4000042340000000000242f63616d6572612f312f6c656e7300002c6666660000000041c270a44120000040800000";

    // protocols.md §3.3 worked OTrk datagram (checksum 0x6BEB)
    private const string OtrkWorked = "4f54726b000100010000000080356beb7b2270726f746f636f6c223a7b226e616d65223a224f70656e547261636b494f222c2276657273696f6e223a5b312c302c315d7d7d";

    private readonly string _dir = Directory.CreateTempSubdirectory("stagectl-track-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Decode_FreeDPoseA_PrintsContractJson()
    {
        // Arrange + Act
        var (code, stdout, _) = Run("track", "decode", "--format", "freed", "--hex", PoseA, "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal("""{"cameraId":3,"panDeg":10,"tiltDeg":-5,"rollDeg":0,"xMm":1000,"yMm":2000,"zMm":1500,"zoomRaw":0,"focusRaw":0,"spare":0}""", LastLine(stdout));
    }

    [Fact]
    public void Decode_FreeDZCamFromBinaryAndHexFiles_SameJson()
    {
        // Arrange
        var binary = Path.Combine(_dir, "zcam.bin");
        var hex = Path.Combine(_dir, "zcam.hex");
        File.WriteAllBytes(binary, Convert.FromHexString(ZCam));
        File.WriteAllText(hex, ZCam[..20] + "\n" + ZCam[20..] + "\n");
        const string Expected = """{"cameraId":1,"panDeg":30,"tiltDeg":-10,"rollDeg":0,"xMm":0,"yMm":0,"zMm":0,"zoomRaw":950,"focusRaw":12300,"spare":20760}""";

        // Act
        var fromBinary = Run("track", "decode", "--format", "freed", "--file", binary, "--json");
        var fromHex = Run("track", "decode", "--format", "freed", "--file", hex, "--json");

        // Assert
        Assert.Equal((0, Expected), (fromBinary.Code, LastLine(fromBinary.Stdout)));
        Assert.Equal((0, Expected), (fromHex.Code, LastLine(fromHex.Stdout)));
    }

    [Theory]
    [InlineData("d103050000fd800000000000fa0001f400017700000000000000000084", "checksum")]
    [InlineData("d103050000fd800000000000fa0001f4000177000000000000000000", "length")]
    [InlineData("d203050000fd800000000000fa0001f400017700000000000000000083", "type")]
    [InlineData("d1zz", "hex digit")]
    public void Decode_BadFreeDPacket_ExitsOneWithReason(string hex, string reason)
    {
        // Arrange + Act
        var (code, stdout, stderr) = Run("track", "decode", "--format", "freed", "--hex", hex, "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void Decode_Osc440_PrintsContractJson()
    {
        // Arrange + Act
        var (code, stdout, _) = Run("track", "decode", "--format", "osc", "--hex", Osc440, "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal("""{"address":"/oscillator/4/frequency","typeTags":",f","args":[440]}""", LastLine(stdout));
    }

    [Fact]
    public void Decode_OscBundleFile_PrintsTimetagAndElements()
    {
        // Arrange
        var file = Path.Combine(_dir, "bundle.bin");
        File.WriteAllBytes(file, Convert.FromHexString(OscBundle));

        // Act
        var (code, stdout, _) = Run("track", "decode", "--format", "osc", "--file", file, "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal(
            """{"timetag":{"seconds":3927794954,"fraction":2147483648},"elements":[{"address":"/camera/1/pose","typeTags":",ffffff","args":[1,2,3,180,90,45]},{"address":"/camera/1/lens","typeTags":",fff","args":[24.30500030517578,10,4]}]}""",
            LastLine(stdout));
    }

    [Fact]
    public void Decode_OscUnknownTypeTag_ExitsOneWithReason()
    {
        // Arrange: "/a" ",z"
        var (code, _, stderr) = Run("track", "decode", "--format", "osc", "--hex", "2f6100002c7a0000", "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("type tag", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OtrkWorkedDatagram_PrintsSequenceEncodingPayload()
    {
        // Arrange + Act
        var (code, stdout, _) = Run("track", "decode", "--format", "opentrackio", "--hex", OtrkWorked, "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal("""{"sequence":1,"encoding":"json","payload":{"protocol":{"name":"OpenTrackIO","version":[1,0,1]}}}""", LastLine(stdout));
    }

    [Fact]
    public void Decode_OtrkSegmentsOneHexLineEach_ReassemblesCborPayload()
    {
        // Arrange: {"a":1,"b":[2.5,"x"]} in CBOR, split over two datagrams (sequence 7 and 8) with 1.0.1 checksums
        var cbor = Convert.FromHexString("a2616101616282fb4004000000000000" + "6178");
        var lines = new StringBuilder("# two segments\n");
        foreach (var (offset, count, last, sequence) in new[] { (0, 9, false, (ushort)7), (9, cbor.Length - 9, true, (ushort)8) })
        {
            var packet = new byte[16 + count];
            StageControl.Tracking.OpenTrackIO.OtrkWriter.WritePacket(
                StageControl.Tracking.OpenTrackIO.OtrkEncoding.Cbor, sequence, (uint)offset, last, cbor.AsSpan(offset, count), packet);
            lines.Append(Convert.ToHexStringLower(packet)).Append('\n');
        }

        var file = Path.Combine(_dir, "segments.txt");
        File.WriteAllText(file, lines.ToString());

        // Act
        var (code, stdout, stderr) = Run("track", "decode", "--format", "opentrackio", "--file", file, "--json");

        // Assert
        Assert.True(code == 0, stderr);
        Assert.Equal("""{"sequence":7,"encoding":"cbor","payload":{"a":1,"b":[2.5,"x"]}}""", LastLine(stdout));
    }

    [Fact]
    public void Decode_OtrkBareJsonFile_SequenceNull()
    {
        // Arrange
        var file = Path.Combine(_dir, "payload.json");
        File.WriteAllText(file, "\n  {\"protocol\": {\"name\": \"OpenTrackIO\", \"version\": [0, 9, 3]}}\n");

        // Act
        var (code, stdout, _) = Run("track", "decode", "--format", "opentrackio", "--file", file, "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal("""{"sequence":null,"encoding":"json","payload":{"protocol":{"name":"OpenTrackIO","version":[0,9,3]}}}""", LastLine(stdout));
    }

    [Theory]
    [InlineData(15, "ff", "checksum")]
    [InlineData(0, "4e", "OTrk")]
    [InlineData(13, "36", "length")]
    [InlineData(5, "03", "encoding")]
    public void Decode_BadOtrkDatagram_ExitsOneWithReason(int index, string value, string reason)
    {
        // Arrange
        var bytes = Convert.FromHexString(OtrkWorked);
        bytes[index] = Convert.FromHexString(value)[0];

        // Act
        var (code, _, stderr) = Run("track", "decode", "--format", "opentrackio", "--hex", Convert.ToHexString(bytes), "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OtrkMissingLastSegment_ExitsOneNamingTheLine()
    {
        // Arrange: the worked datagram with the last-segment flag cleared and the checksum recomputed
        var payload = Convert.FromHexString(OtrkWorked)[16..];
        var packet = new byte[16 + payload.Length];
        StageControl.Tracking.OpenTrackIO.OtrkWriter.WritePacket(StageControl.Tracking.OpenTrackIO.OtrkEncoding.Json, 1, 0, false, payload, packet);
        var file = Path.Combine(_dir, "partial.txt");
        File.WriteAllText(file, Convert.ToHexString(packet) + "\n");

        // Act
        var (code, _, stderr) = Run("track", "decode", "--format", "opentrackio", "--file", file, "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("partial.txt line 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MissingFile_ExitsOne()
    {
        // Arrange + Act
        var (code, _, stderr) = Run("track", "decode", "--format", "osc", "--file", Path.Combine(_dir, "nope.bin"), "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("nope.bin", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("track", "decode", "--format", "freed", "--json")]
    [InlineData("track", "decode", "--format", "freed", "--hex", PoseA, "--file", "x.bin", "--json")]
    [InlineData("track", "decode", "--format", "mosys", "--hex", PoseA, "--json")]
    [InlineData("track", "decode", "--hex", PoseA, "--json")]
    public void Decode_UsageError_ExitsTwo(params string[] args)
    {
        // Arrange + Act
        var (code, _, stderr) = Run(args);

        // Assert
        Assert.Equal(2, code);
        Assert.NotEqual(string.Empty, stderr);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => Stagectl.Run(args);

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].TrimEnd('\r');
}
