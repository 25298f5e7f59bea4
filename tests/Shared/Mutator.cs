// Seeded mutations of valid inputs (datagrams, image files) for the fuzz tests: bit flips, byte sets, cuts, extensions,
// splices and interesting values (0x00, 0xFF, sizes) where parsers go wrong.
namespace StageControl.Tests.Shared;

internal static class Mutator
{
    public static byte[] Mutate(Random rng, byte[] seed)
    {
        var data = seed.ToArray();
        var rounds = 1 + rng.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (rng.Next(7))
            {
                case 0 when data.Length > 0:
                    data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1 when data.Length > 0:
                    data[rng.Next(data.Length)] = (byte)rng.Next(256);
                    break;
                case 2 when data.Length > 0:
                    data = data[..rng.Next(data.Length)];
                    break;
                case 3:
                    var extra = new byte[1 + rng.Next(8)];
                    rng.NextBytes(extra);
                    data = [.. data, .. extra];
                    break;
                case 4 when data.Length > 4:
                    // Interesting values at a random aligned offset: sizes and lengths are where parsers go wrong.
                    var at = rng.Next(data.Length - 3) & ~3;
                    var value = rng.Next(5) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, 3 => int.MinValue, _ => rng.Next(64) };
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(at), value);
                    break;
                case 5 when data.Length > 1:
                    var from = rng.Next(data.Length);
                    var count = rng.Next(data.Length - from);
                    data = [.. data[..from], .. data[(from + count)..]];
                    break;
                default:
                    var special = new byte[] { 0x00, 0xFF, 0x7F, 0x80, (byte)'[', (byte)']', (byte)',', 0xC0, 0xDB, 0x1F, 0x9F, 0xBF };
                    if (data.Length > 0)
                    {
                        data[rng.Next(data.Length)] = special[rng.Next(special.Length)];
                    }

                    break;
            }
        }

        return data;
    }
}
