// OSC packet decoder: spec and shared/data vectors under the segmentation matrix, every type tag, bundles,
// rejections, the struct-handler contract.
using System.Buffers;
using StageControl.Tests.Shared;
using StageControl.Tracking.Osc;

namespace StageControl.Tracking.Tests.Osc;

public sealed class OscReaderTests
{
    public static TheoryData<string, string> Vectors => new()
    {
        // osc_vectors.txt §A (OSC 1.0 spec examples) and §C; expected values from the python-osc decode lines there.
        { "spec_oscillator_freq_440", """{"address":"/oscillator/4/frequency","typeTags":",f","args":[440]}""" },
        { "spec_foo_5args", """{"address":"/foo","typeTags":",iisff","args":[1000,-1,"hello",1.2339999675750732,5.677999973297119]}""" },
        { "vmt_room_unity_tracker0", """{"address":"/VMT/Room/Unity","typeTags":",iiffffffff","args":[0,1,0,1,1.5,-2,0,0,0,1]}""" },
        { "vrchat_head_position", """{"address":"/tracking/trackers/head/position","typeTags":",fff","args":[0,1.7000000476837158,0]}""" },
        { "vrchat_head_rotation", """{"address":"/tracking/trackers/head/rotation","typeTags":",fff","args":[0,90,0]}""" },
        {
            "generic_camera_bundle_ntp",
            """{"timetag":{"seconds":3927794954,"fraction":2147483648},"elements":[{"address":"/camera/1/pose","typeTags":",ffffff","args":[1,2,3,180,90,45]},{"address":"/camera/1/lens","typeTags":",fff","args":[24.30500030517578,10,4]}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryReadPacket_Vector_DecodesUnderEverySegmentation(string name, string expectedJson)
    {
        // Arrange
        var packet = TestVectors.Osc(name);
        foreach (var (shape, sequence) in SequenceFactory.All(packet))
        {
            var reader = new SequenceReader<byte>(sequence);

            // Act
            var status = OscReader.TryReadPacket(ref reader, out var result, out var error);

            // Assert
            Assert.True(status == OperationStatus.Done, $"{name} {shape}: {error}");
            Assert.Equal(expectedJson, OscJson.ToJson(result!).ToJsonString());
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void TryReadPacket_EveryTypeTag_DecodesEachValue()
    {
        // Arrange: hand-encoded from the OSC 1.0 atom rules (spec-1_0.md "OSC Type Tags"), one argument per tag.
        var packet = Convert.FromHexString(
            "2f616c6c00000000" +                         // "/all" + 4 NUL
            "2c696866647353636274726d54464e495b695d00" + // ",ihfdsScbtrmTFNI[i]" (19 chars) + 1 NUL = 20 bytes
            "00000001" +                                 // i 1
            "fffffffffffffffe" +                         // h -2
            "3fc00000" +                                 // f 1.5
            "3fd0000000000000" +                         // d 0.25
            "61620000" +                                 // s "ab"
            "73796d00" +                                 // S "sym"
            "00000041" +                                 // c 'A'
            "0000000301020300" +                         // b [1,2,3]
            "0000000100000002" +                         // t seconds 1, fraction 2
            "11223344" +                                 // r 0x11223344
            "01903c64" +                                 // m port 1, note-on, 60, 100
            "00000007");                                 // [ i 7 ]

        // Act
        var status = OscReader.TryReadPacket(packet, out var result, out var error);

        // Assert
        Assert.True(status == OperationStatus.Done, error.ToString());
        Assert.Equal(
            """{"address":"/all","typeTags":",ihfdsScbtrmTFNI[i]","args":[1,-2,1.5,0.25,"ab","sym","A","AQID",{"seconds":1,"fraction":2},287454020,[1,144,60,100],true,false,null,"Infinitum",[7]]}""",
            OscJson.ToJson(result!).ToJsonString());
    }

    [Fact]
    public void TryReadPacket_NestedArraysAndBundles_Decode()
    {
        // Arrange
        var inner = new OscBundle(OscTimeTag.Immediately, [OscMessage.Create("/a", [new OscArgument('[', new List<OscArgument> { new('[', new List<OscArgument>()), new('i', 5) })])]);
        var outer = new OscBundle(new OscTimeTag(10, 20), [inner, OscMessage.Create("/b", [])]);
        var bytes = OscPacketWriter.ToArray(outer);

        // Act
        var status = OscReader.TryReadPacket(bytes, out var result, out _);

        // Assert
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(
            """{"timetag":{"seconds":10,"fraction":20},"elements":[{"timetag":{"seconds":0,"fraction":1},"elements":[{"address":"/a","typeTags":",[[]i]","args":[[[],5]]}]},{"address":"/b","typeTags":",","args":[]}]}""",
            OscJson.ToJson(result!).ToJsonString());
    }

    [Fact]
    public void TryReadPacket_NoTypeTagString_MessageWithoutArguments()
    {
        // Arrange: OSC 1.0 asks receivers to cope with senders that omit the type tag string
        var packet = "/SYNC\0\0\0"u8.ToArray();

        // Act
        var status = OscReader.TryReadPacket(packet, out var result, out _);

        // Assert
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal("""{"address":"/SYNC","typeTags":"","args":[]}""", OscJson.ToJson(result!).ToJsonString());
    }

    [Fact]
    public void TimeTag_BundleVector_IsUnixTimeOfTheVectorNotes()
    {
        // Arrange: osc_vectors.txt generic_camera_bundle_ntp — "NTP 3927794954.5 s (= Unix 1718806154.5)"
        OscReader.TryReadPacket(TestVectors.Osc("generic_camera_bundle_ntp"), out var packet, out _);

        // Act
        var unix = ((OscBundle)packet!).TimeTag.ToUnixSeconds();

        // Assert
        Assert.Equal(1718806154.5, unix);
    }

    [Fact]
    public void TryReadPacket_EmptyBundle_Decodes()
    {
        // Arrange
        var packet = Convert.FromHexString("2362756e646c65000000000000000001");

        // Act
        var status = OscReader.TryReadPacket(packet, out var result, out _);

        // Assert
        Assert.Equal(OperationStatus.Done, status);
        Assert.True(((OscBundle)result!).TimeTag.IsImmediately);
    }

    [Fact]
    public void TryReadPacket_NonFiniteFloats_BecomeNamedStrings()
    {
        // Arrange: f NaN, d +inf, f -inf
        var packet = Convert.FromHexString("2f6e000000" + "2c666466" + "000000" + "7fc00000" + "7ff0000000000000" + "ff800000");
        packet = [.. "/n\0\0"u8.ToArray(), .. ",fdf\0\0\0\0"u8.ToArray(), .. packet[12..]];

        // Act
        var status = OscReader.TryReadPacket(packet, out var result, out var error);

        // Assert
        Assert.True(status == OperationStatus.Done, error.ToString());
        Assert.Equal("""{"address":"/n","typeTags":",fdf","args":["NaN","Infinity","-Infinity"]}""", OscJson.ToJson(result!).ToJsonString());
    }

    public static TheoryData<string, OscError> Invalid => new()
    {
        { "", OscError.Empty },
        { "78000000", OscError.UnknownPacketType },
        { "2f61", OscError.UnterminatedString },
        { "2f616200", OscError.None },
        { "2f610000" + "2c690000" + "000000", OscError.Truncated },
        { "2f610001", OscError.BadPadding },
        { "2f610000" + "69000000", OscError.MissingTypeTags },
        { "2f610000" + "2c7a0000", OscError.UnknownTypeTag },
        { "2f610000" + "2c5b0000", OscError.UnbalancedArray },
        { "2f610000" + "2c5d0000", OscError.UnbalancedArray },
        { "2f610000" + "2c620000" + "00000009" + "00000000", OscError.BadBlobSize },
        { "2f610000" + "2c620000" + "ffffffff", OscError.BadBlobSize },
        { "2f610000" + "2c620000" + "00000001" + "01020000", OscError.BadPadding },
        { "2f610000" + "2c000000" + "00000001", OscError.TrailingBytes },
        { "2362756e646c6501" + "0000000000000001", OscError.BadBundleHeader },
        { "2362756e646c6500" + "00000000", OscError.Truncated },
        { "2362756e646c6500" + "0000000000000001" + "00000008" + "2f610000", OscError.BadElementSize },
        { "2362756e646c6500" + "0000000000000001" + "00000003" + "2f610000", OscError.BadElementSize },
        { "2362756e646c6500" + "0000000000000001" + "00000000", OscError.BadElementSize },
        { "2362756e646c6500" + "0000000000000001" + "000000", OscError.Truncated },
        { "2362756e646c6500" + "0000000000000001" + "00000004" + "78000000", OscError.UnknownPacketType },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryRead_InvalidPacket_RejectedWithReasonConsumingNothing(string hex, OscError expected)
    {
        // Arrange ("2f616200" = "/ab\0" is the valid control case)
        var packet = Convert.FromHexString(hex);
        foreach (var (shape, sequence) in SequenceFactory.All(packet))
        {
            var reader = new SequenceReader<byte>(sequence);
            var handler = new CountingHandler();

            // Act
            var status = OscReader.TryRead(ref reader, ref handler, out var error);

            // Assert
            Assert.Equal(expected, error);
            if (expected == OscError.None)
            {
                Assert.Equal(OperationStatus.Done, status);
                Assert.Equal(2, handler.Calls);
            }
            else
            {
                Assert.True(status == OperationStatus.InvalidData, shape);
                Assert.Equal(0, reader.Consumed);
                Assert.Equal(0, handler.Calls);
            }
        }
    }

    [Fact]
    public void TryRead_DeepBundleNesting_TooDeep()
    {
        // Arrange: MaxBundleDepth + 1 nested bundles
        OscPacket packet = OscMessage.Create("/x", []);
        for (var i = 0; i <= OscReader.MaxBundleDepth; i++)
        {
            packet = new OscBundle(OscTimeTag.Immediately, [packet]);
        }

        // Act
        var status = OscReader.TryReadPacket(OscPacketWriter.ToArray(packet), out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OscError.TooDeep), (status, error));
    }

    [Fact]
    public void TryRead_DeepArrayNesting_TooDeep()
    {
        // Arrange
        var tags = "," + new string('[', OscReader.MaxArrayDepth + 1) + new string(']', OscReader.MaxArrayDepth + 1);
        var packet = OscPacketWriter.ToArray(new OscMessage("/x", tags, []));

        // Act
        var status = OscReader.TryReadPacket(packet, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OscError.TooDeep), (status, error));
    }

    [Fact]
    public void TryRead_EveryStrictPrefixOfADatagram_RejectedUnlessItIsItselfAPacket()
    {
        // Arrange: an OSC datagram has no length of its own, so a cut packet is invalid, except where the cut
        // leaves a complete packet: "/foo" alone (no type tags), an empty bundle, a bundle with its first element.
        var cases = new (string Name, int[] ValidPrefixes)[] { ("spec_foo_5args", [8]), ("generic_camera_bundle_ntp", [16, 68]) };
        foreach (var (name, validPrefixes) in cases)
        {
            var packet = TestVectors.Osc(name);
            for (var length = 0; length < packet.Length; length++)
            {
                var reader = new SequenceReader<byte>(SequenceFactory.SplitAt(packet[..length], length / 2));
                var handler = new CountingHandler();

                // Act
                var status = OscReader.TryRead(ref reader, ref handler, out _);

                // Assert
                var expected = validPrefixes.Contains(length) ? OperationStatus.Done : OperationStatus.InvalidData;
                Assert.True(expected == status, $"{name} prefix {length}: {status}");
                Assert.Equal(status == OperationStatus.Done ? length : 0, reader.Consumed);
            }
        }
    }

    [Fact]
    public void TryRead_StructHandler_SeesCallbacksInOrder()
    {
        // Arrange
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(TestVectors.Osc("generic_camera_bundle_ntp")));
        var handler = new CountingHandler();

        // Act
        OscReader.TryRead(ref reader, ref handler, out _);

        // Assert: bundle start, 2 × (start + floats + end), bundle end
        Assert.Equal(1 + (1 + 6 + 1) + (1 + 3 + 1) + 1, handler.Calls);
        Assert.Equal(1 + 2 + 3 + 180 + 90 + 45 + 24.305f + 10 + 4, handler.FloatSum, 3);
    }

    /// <summary>Counts callbacks; a struct, as the hot path requires.</summary>
    internal struct CountingHandler : IOscHandler
    {
        public int Calls;
        public double FloatSum;

        public void OnBundleStart(OscTimeTag timeTag) => Calls++;

        public void OnBundleEnd() => Calls++;

        public void OnMessageStart(ReadOnlySpan<byte> address, ReadOnlySpan<byte> typeTags) => Calls++;

        public void OnMessageEnd() => Calls++;

        public void OnInt32(int value) => Calls++;

        public void OnInt64(long value) => Calls++;

        public void OnFloat32(float value)
        {
            Calls++;
            FloatSum += value;
        }

        public void OnFloat64(double value) => Calls++;

        public void OnString(ReadOnlySpan<byte> value, bool isSymbol) => Calls++;

        public void OnBlob(ReadOnlySpan<byte> value) => Calls++;

        public void OnChar(int value) => Calls++;

        public void OnTimeTag(OscTimeTag value) => Calls++;

        public void OnRgba(uint value) => Calls++;

        public void OnMidi(OscMidi value) => Calls++;

        public void OnBoolean(bool value) => Calls++;

        public void OnNil() => Calls++;

        public void OnInfinitum() => Calls++;

        public void OnArrayStart() => Calls++;

        public void OnArrayEnd() => Calls++;
    }
}
