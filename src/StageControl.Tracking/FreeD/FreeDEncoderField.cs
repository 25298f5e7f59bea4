namespace StageControl.Tracking.FreeD;

/// <summary>
/// One vendor encoding of FreeD's zoom or focus field. <see cref="Normalize"/> maps a <see cref="FreeDEncoderKind.Raw"/>
/// count to 0…1 over [<see cref="Min"/>, <see cref="Max"/>] (inverted when Max &lt; Min, clamped), after
/// <see cref="Mask"/> when it is non-zero.
/// </summary>
/// <param name="Kind">The encoding.</param>
/// <param name="Min">Raw: the count at 0 (wide / near).</param>
/// <param name="Max">Raw: the count at 1 (tele / far).</param>
/// <param name="Mask">Raw: bits kept before scaling (0 = all 24).</param>
/// <param name="Zero">Offset: the stored value that means zero.</param>
public readonly record struct FreeDEncoderField(FreeDEncoderKind Kind, int Min = 0, int Max = 0xFFFFFF, int Mask = 0, int Zero = 0)
{
    /// <summary>0…1 for a raw count, NaN for the other encodings (they carry physical values instead).</summary>
    public double Normalize(int raw)
    {
        if (Kind != FreeDEncoderKind.Raw || Max == Min)
        {
            return double.NaN;
        }

        var value = Mask != 0 ? raw & Mask : raw;
        return Math.Clamp((value - Min) / (double)(Max - Min), 0.0, 1.0);
    }
}
