using System.Globalization;

namespace StageControl.Core.Timing;

/// <summary>
/// A frame rate as an exact rational num/den frames per second (24000/1001, 25/1, 30000/1001, 60000/1001 …).
/// Never a floating-point rate: frame indices come from integer maths (shared/notes/math.md §5).
/// The fraction is kept as given (not reduced) so 30000/1001 prints as written; equality compares value.
/// </summary>
public readonly struct FrameRate : IEquatable<FrameRate>
{
    /// <summary>Largest numerator or denominator accepted; keeps every product in Int128 far from overflow.</summary>
    public const long MaxTerm = 1_000_000_000;

    /// <summary>Creates num/den; both must be in 1..<see cref="MaxTerm"/> and the rate at most 1000 fps.</summary>
    public FrameRate(long numerator, long denominator)
    {
        if (!IsValid(numerator, denominator, out var why))
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), why);
        }

        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>Frames per <see cref="Denominator"/> seconds.</summary>
    public long Numerator { get; }

    /// <summary>Seconds per <see cref="Numerator"/> frames.</summary>
    public long Denominator { get; }

    /// <summary>The rate as a double, for display only.</summary>
    public double FramesPerSecond => (double)Numerator / Denominator;

    /// <summary>23.976 (24000/1001).</summary>
    public static FrameRate Fps23_976 => new(24000, 1001);

    /// <summary>24/1.</summary>
    public static FrameRate Fps24 => new(24, 1);

    /// <summary>25/1.</summary>
    public static FrameRate Fps25 => new(25, 1);

    /// <summary>29.97 (30000/1001).</summary>
    public static FrameRate Fps29_97 => new(30000, 1001);

    /// <summary>30/1.</summary>
    public static FrameRate Fps30 => new(30, 1);

    /// <summary>50/1.</summary>
    public static FrameRate Fps50 => new(50, 1);

    /// <summary>59.94 (60000/1001).</summary>
    public static FrameRate Fps59_94 => new(60000, 1001);

    /// <summary>60/1.</summary>
    public static FrameRate Fps60 => new(60, 1);

    /// <summary>True when num/den is a usable rate; otherwise <paramref name="why"/> says what is wrong.</summary>
    public static bool IsValid(long numerator, long denominator, out string why)
    {
        if (numerator <= 0 || denominator <= 0)
        {
            why = $"frame rate {numerator}/{denominator}: numerator and denominator must be positive";
            return false;
        }

        if (numerator > MaxTerm || denominator > MaxTerm)
        {
            why = $"frame rate {numerator}/{denominator}: terms above {MaxTerm} are not supported";
            return false;
        }

        if (numerator > 1000 * denominator)
        {
            why = $"frame rate {numerator}/{denominator}: above 1000 fps";
            return false;
        }

        why = string.Empty;
        return true;
    }

    /// <summary>Parses "num/den" or an integer "25"; whitespace around the terms is allowed.</summary>
    public static bool TryParse(string? text, out FrameRate rate, out string why)
    {
        rate = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            why = "frame rate is empty; write it as NUM/DEN, e.g. 24000/1001";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var numText = slash < 0 ? text : text[..slash];
        var denText = slash < 0 ? "1" : text[(slash + 1)..];
        if (!long.TryParse(numText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var num)
            || !long.TryParse(denText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var den))
        {
            why = $"frame rate '{text}' is not NUM/DEN with positive integers, e.g. 24000/1001";
            return false;
        }

        if (!IsValid(num, den, out why))
        {
            return false;
        }

        rate = new FrameRate(num, den);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(FrameRate other) =>
        (Int128)Numerator * other.Denominator == (Int128)other.Numerator * Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FrameRate r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (Denominator == 0)
        {
            return 0;
        }

        var g = Gcd(Numerator, Denominator);
        return HashCode.Combine(Numerator / g, Denominator / g);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(FrameRate left, FrameRate right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(FrameRate left, FrameRate right) => !left.Equals(right);

    /// <summary>"num/den".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
