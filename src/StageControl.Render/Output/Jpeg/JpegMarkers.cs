namespace StageControl.Render.Output.Jpeg;

/// <summary>Marker codes (the byte after 0xFF; T.81 Table B.1) and their names for error messages.</summary>
internal static class JpegMarkers
{
    public const byte Sof0 = 0xC0;
    public const byte Sof1 = 0xC1;
    public const byte Sof2 = 0xC2;
    public const byte Dht = 0xC4;
    public const byte Dac = 0xCC;
    public const byte Soi = 0xD8;
    public const byte Eoi = 0xD9;
    public const byte Sos = 0xDA;
    public const byte Dqt = 0xDB;
    public const byte Dnl = 0xDC;
    public const byte Dri = 0xDD;
    public const byte Com = 0xFE;

    /// <summary>The marker's name as T.81 Table B.1 gives it (SOF0, DHT, APP1, RST3 …), or its hex code.</summary>
    public static string Name(byte code) => code switch
    {
        >= 0xC0 and <= 0xCF and not (Dht or 0xC8 or Dac) => FormattableString.Invariant($"SOF{code - 0xC0}"),
        Dht => "DHT",
        0xC8 => "JPG",
        Dac => "DAC",
        >= 0xD0 and <= 0xD7 => FormattableString.Invariant($"RST{code - 0xD0}"),
        Soi => "SOI",
        Eoi => "EOI",
        Sos => "SOS",
        Dqt => "DQT",
        Dnl => "DNL",
        Dri => "DRI",
        0xDE => "DHP",
        0xDF => "EXP",
        >= 0xE0 and <= 0xEF => FormattableString.Invariant($"APP{code - 0xE0}"),
        0xF7 => "SOF55 (JPEG-LS)",
        >= 0xF0 and <= 0xFD => FormattableString.Invariant($"JPG{code - 0xF0}"),
        Com => "COM",
        0x01 => "TEM",
        _ => FormattableString.Invariant($"0xFF{code:X2}"),
    };
}
