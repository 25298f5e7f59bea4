namespace StageControl.Tracking.Osc;

/// <summary>
/// OSC address pattern matching (OSC 1.0 "OSC Message Dispatching and Pattern Matching", plus the OSC 1.1 <c>//</c>
/// path wildcard). Rules: matching is per <c>/</c>-separated part and never crosses a <c>/</c>; <c>?</c> matches one
/// character; <c>*</c> any run of zero or more characters; <c>[abc]</c> one listed character, <c>a-z</c> a range,
/// a leading <c>!</c> negates, a <c>-</c> first or last is literal; <c>{foo,bar}</c> one of the comma-separated
/// strings; <c>//</c> any number (zero or more) of whole parts. Every other character matches itself. A malformed
/// pattern (unclosed <c>[</c> or <c>{</c>) matches nothing. Patterns come from the network, so the backtracking
/// is bounded by a step budget: a pattern that exhausts it does not match.
/// </summary>
public static class OscAddressPattern
{
    private const int StepBudget = 100_000;
    private const byte Slash = (byte)'/';

    /// <summary>Whether the pattern <paramref name="pattern"/> (from a message) matches <paramref name="address"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> address)
    {
        var budget = StepBudget;
        return Match(pattern, address, ref budget);
    }

    /// <summary>String overload of <see cref="IsMatch(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> (allocates).</summary>
    public static bool IsMatch(string pattern, string address)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(address);
        return IsMatch(System.Text.Encoding.UTF8.GetBytes(pattern), System.Text.Encoding.UTF8.GetBytes(address));
    }

    private static bool Match(ReadOnlySpan<byte> p, ReadOnlySpan<byte> a, ref int budget)
    {
        while (!p.IsEmpty)
        {
            if (--budget < 0)
            {
                return false;
            }

            var c = p[0];
            switch (c)
            {
                case Slash when p.Length > 1 && p[1] == Slash:
                {
                    // OSC 1.1 "//": the rest of the pattern ("/x…") may start at any part boundary of the address.
                    var rest = p[1..];
                    for (var i = 0; i < a.Length; i++)
                    {
                        if (a[i] == Slash && Match(rest, a[i..], ref budget))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                case (byte)'*':
                {
                    while (!p.IsEmpty && p[0] == (byte)'*')
                    {
                        p = p[1..];
                    }

                    for (var i = 0; ; i++)
                    {
                        if (Match(p, a[i..], ref budget))
                        {
                            return true;
                        }

                        if (i == a.Length || a[i] == Slash || budget < 0)
                        {
                            return false;
                        }
                    }
                }

                case (byte)'?':
                    if (a.IsEmpty || a[0] == Slash)
                    {
                        return false;
                    }

                    break;
                case (byte)'[':
                {
                    var close = p[1..].IndexOf((byte)']');
                    if (close < 0 || a.IsEmpty || a[0] == Slash || !InSet(p.Slice(1, close), a[0]))
                    {
                        return false;
                    }

                    p = p[(close + 2)..];
                    a = a[1..];
                    continue;
                }

                case (byte)'{':
                {
                    var close = p.IndexOf((byte)'}');
                    if (close < 0)
                    {
                        return false;
                    }

                    var options = p[1..close];
                    var after = p[(close + 1)..];
                    while (true)
                    {
                        var comma = options.IndexOf((byte)',');
                        var option = comma < 0 ? options : options[..comma];
                        if (a.StartsWith(option) && option.IndexOf(Slash) < 0 && Match(after, a[option.Length..], ref budget))
                        {
                            return true;
                        }

                        if (comma < 0)
                        {
                            return false;
                        }

                        options = options[(comma + 1)..];
                    }
                }

                default:
                    if (a.IsEmpty || a[0] != c)
                    {
                        return false;
                    }

                    break;
            }

            p = p[1..];
            a = a[1..];
        }

        return a.IsEmpty;
    }

    private static bool InSet(ReadOnlySpan<byte> set, byte value)
    {
        var negate = !set.IsEmpty && set[0] == (byte)'!';
        if (negate)
        {
            set = set[1..];
        }

        var found = false;
        for (var i = 0; i < set.Length; i++)
        {
            // "a-z" is a range unless the '-' is first or last in the set (OSC 1.0).
            if (i + 2 < set.Length && set[i + 1] == (byte)'-')
            {
                if (value >= set[i] && value <= set[i + 2])
                {
                    found = true;
                }

                i += 2;
            }
            else if (set[i] == value)
            {
                found = true;
            }
        }

        return found != negate;
    }
}
