namespace StageControl.Tracking.Ingest;

/// <summary>
/// One OSC address → pose field mapping. <paramref name="AddressTemplate"/> is a literal address in which
/// <c>{id}</c> (at most once) matches a decimal camera id, e.g. <c>/camera/{id}/pose</c>; without <c>{id}</c> the
/// message belongs to <paramref name="CameraId"/>.
/// </summary>
/// <param name="AddressTemplate">The address, with an optional <c>{id}</c> placeholder.</param>
/// <param name="Field">What the arguments set.</param>
/// <param name="CameraId">Camera id when the template has no placeholder.</param>
/// <param name="SkipArguments">Leading arguments to ignore (VMT's index/enable/time-offset).</param>
public sealed record OscMapEntry(string AddressTemplate, OscField Field, int CameraId = 0, int SkipArguments = 0);
