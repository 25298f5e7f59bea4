// OSC: encode→decode property (FsCheck), mutation fuzz, zero-allocation parse with a struct handler.
using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using StageControl.Tests.Shared;
using StageControl.Tracking.Osc;

namespace StageControl.Tracking.Tests.Osc;

public sealed class OscRobustnessTests
{
    [Fact]
    public void WriteThenRead_AnyPacket_RoundTrips()
    {
        // Arrange
        var gen = PacketGen(2);

        // Act + Assert: decoding the encoding gives the same JSON, and re-encoding gives the same bytes
        Prop.ForAll(Arb.From(gen), packet =>
        {
            var bytes = OscPacketWriter.ToArray(packet);
            var status = OscReader.TryReadPacket(bytes, out var decoded, out _);
            return status == OperationStatus.Done
                && OscJson.ToJson(decoded!).ToJsonString() == OscJson.ToJson(packet).ToJsonString()
                && OscPacketWriter.ToArray(decoded!).AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryRead_100kMutatedPackets_NeverThrows()
    {
        // Arrange
        var rng = new Random(1055);
        var seeds = new[] { "spec_oscillator_freq_440", "spec_foo_5args", "vmt_room_unity_tracker0", "generic_camera_bundle_ntp" }
            .Select(TestVectors.Osc)
            .Append(OscPacketWriter.ToArray(AllTags()))
            .ToArray();
        var done = 0;
        var invalid = 0;

        // Act
        for (var i = 0; i < 100_000; i++)
        {
            var mutated = Mutator.Mutate(rng, seeds[i % seeds.Length]);
            var sequence = (i & 1) == 0 ? new ReadOnlySequence<byte>(mutated) : SequenceFactory.SplitAt(mutated, mutated.Length / 3);
            var reader = new SequenceReader<byte>(sequence);
            var handler = default(OscReaderTests.CountingHandler);
            var status = OscReader.TryRead(ref reader, ref handler, out var error);
            var slip = new SequenceReader<byte>(sequence);
            OscSlipFraming.TryReadFrame(ref slip, new byte[128], out _, out _);
            var prefixed = new SequenceReader<byte>(sequence);
            OscLengthPrefixFraming.TryReadFrame(ref prefixed, out _, out _);
            OscAddressPattern.IsMatch(mutated, "/camera/1/pose"u8);

            // Assert (per packet): a reason for every rejection; nothing consumed on rejection
            if (status == OperationStatus.Done)
            {
                done++;
                Assert.True(reader.End);
            }
            else
            {
                invalid++;
                Assert.NotEqual(OscError.None, error);
                Assert.Equal(0, reader.Consumed);
                Assert.Equal(0, handler.Calls);
            }
        }

        // Assert
        Assert.True(done > 0 && invalid > 0, $"done {done}, invalid {invalid}");
    }

    [Fact]
    public void TryRead_StructHandler_AllocatesNothing()
    {
        // Arrange: contiguous message, bundle, and a split (non-contiguous) packet
        var message = new ReadOnlySequence<byte>(TestVectors.Osc("vmt_room_unity_tracker0"));
        var bundle = new ReadOnlySequence<byte>(TestVectors.Osc("generic_camera_bundle_ntp"));
        var split = SequenceFactory.SplitAt(TestVectors.Osc("spec_foo_5args"), 17);
        Parse(message, bundle, split, 10);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var calls = Parse(message, bundle, split, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.Equal(10_000 * (12 + 15 + 7), calls);
    }

    private static int Parse(ReadOnlySequence<byte> a, ReadOnlySequence<byte> b, ReadOnlySequence<byte> c, int n)
    {
        var handler = default(OscReaderTests.CountingHandler);
        for (var i = 0; i < n; i++)
        {
            var ra = new SequenceReader<byte>(a);
            OscReader.TryRead(ref ra, ref handler, out _);
            var rb = new SequenceReader<byte>(b);
            OscReader.TryRead(ref rb, ref handler, out _);
            var rc = new SequenceReader<byte>(c);
            OscReader.TryRead(ref rc, ref handler, out _);
        }

        return handler.Calls;
    }

    private static OscMessage AllTags() => OscMessage.Create("/all", [
        new('i', 1), new('h', -2L), new('f', 1.5f), new('d', 0.25), new('s', "ab"), new('S', "sym"), new('c', 65),
        new('b', new byte[] { 1, 2, 3 }), new('t', new OscTimeTag(1, 2)), new('r', 0x11223344u), new('m', new OscMidi(1, 0x90, 60, 100)),
        new('T', true), new('F', false), new('N', null), new('I', null), new('[', new List<OscArgument> { new('i', 7) }),
    ]);

    private static Gen<OscPacket> PacketGen(int depth)
    {
        var message = from address in AddressGen()
                      from args in ListOf(ArgumentGen(2), 0, 6)
                      select (OscPacket)OscMessage.Create(address, [.. args]);
        if (depth == 0)
        {
            return message;
        }

        var bundle = from seconds in Gen.Choose(0, int.MaxValue)
                     from fraction in Gen.Choose(0, int.MaxValue)
                     from elements in ListOf(PacketGen(depth - 1), 0, 3)
                     select (OscPacket)new OscBundle(new OscTimeTag((uint)seconds * 2, (uint)fraction), [.. elements]);
        return Gen.Frequency<OscPacket>((3, message), (1, bundle));
    }

    private static Gen<T[]> ListOf<T>(Gen<T> item, int min, int max)
        => from n in Gen.Choose(min, max)
           from items in Gen.ArrayOf(item, n)
           select items;

    private static Gen<string> AddressGen()
        => from parts in ListOf(Gen.Elements("camera", "1", "pose", "lens", "VMT", "x", "longer_part_name"), 1, 4)
           select "/" + string.Join('/', parts);

    private static Gen<OscArgument> ArgumentGen(int depth)
    {
        var text = Gen.Elements("", "a", "abc", "data", "hello", "ünï", "12345678");
        var atoms = new List<Gen<OscArgument>>
        {
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => new OscArgument('i', v)),
            Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(t => new OscArgument('h', ((long)t.Item1 << 32) | (uint)t.Item2)),
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => new OscArgument('f', BitConverter.Int32BitsToSingle(v) is var f && float.IsNaN(f) ? 0.5f : f)),
            Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(t => new OscArgument('d', BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2) is var d && double.IsNaN(d) ? -0.25 : d)),
            text.Select(s => new OscArgument('s', s)),
            text.Select(s => new OscArgument('S', s)),
            Gen.Choose(32, 126).Select(c => new OscArgument('c', c)),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => new OscArgument('b', b)),
            Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(t => new OscArgument('t', new OscTimeTag((uint)t.Item1, (uint)t.Item2))),
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => new OscArgument('r', (uint)v)),
            Gen.Four(Gen.Choose(0, 255)).Select(m => new OscArgument('m', new OscMidi((byte)m.Item1, (byte)m.Item2, (byte)m.Item3, (byte)m.Item4))),
            Gen.Elements(new OscArgument('T', true), new OscArgument('F', false), new OscArgument('N', null), new OscArgument('I', null)),
        };
        if (depth > 0)
        {
            atoms.Add(ListOf(ArgumentGen(depth - 1), 0, 3).Select(items => new OscArgument('[', items.ToList())));
        }

        return Gen.OneOf(atoms);
    }
}
