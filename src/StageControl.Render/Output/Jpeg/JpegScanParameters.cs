namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// A scan header's band and bit position (T.81 §B.2.3: Ss, Se, Ah, Al) with the restart interval in force (§B.2.4.4).
/// </summary>
internal readonly record struct JpegScanParameters(int Ss, int Se, int Ah, int Al, int RestartInterval);
