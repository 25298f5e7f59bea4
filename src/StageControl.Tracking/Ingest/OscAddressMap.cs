using System.Text;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// A user-editable OSC address map (protocols.md §2.6: there is no standard tracking namespace, so ingest is driven by
/// a mapping from address to pose field, with per-source units and axes). Presets cover the conventions in use.
/// Templates are matched byte by byte against the received address (no allocation).
/// </summary>
public sealed class OscAddressMap
{
    private static readonly byte[] IdToken = "{id}"u8.ToArray();

    private readonly byte[][] _prefixes;
    private readonly byte[][] _suffixes;
    private readonly bool[] _hasId;

    /// <summary>A map of <paramref name="entries"/>, with positions multiplied by <paramref name="metresPerUnit"/>.</summary>
    public OscAddressMap(IReadOnlyList<OscMapEntry> entries, OscAxes axes, double metresPerUnit = 1.0)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        Axes = axes;
        MetresPerUnit = metresPerUnit;
        _prefixes = new byte[entries.Count][];
        _suffixes = new byte[entries.Count][];
        _hasId = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var template = Encoding.UTF8.GetBytes(entries[i].AddressTemplate);
            var at = template.AsSpan().IndexOf(IdToken);
            _hasId[i] = at >= 0;
            _prefixes[i] = at >= 0 ? template[..at] : template;
            _suffixes[i] = at >= 0 ? template[(at + IdToken.Length)..] : [];
        }
    }

    /// <summary>
    /// StageControl's own convention: <c>/camera/{id}/pose</c> x y z pan tilt roll (metres, Z-up, degrees, like
    /// FreeD/OpenTrackIO); <c>/camera/{id}/position</c>, <c>/camera/{id}/rotation</c>, <c>/camera/{id}/quaternion</c>,
    /// <c>/camera/{id}/focalLength</c> (mm), <c>/camera/{id}/focus</c> (m).
    /// </summary>
    public static OscAddressMap Default { get; } = new(
        [
            new("/camera/{id}/pose", OscField.Pose),
            new("/camera/{id}/position", OscField.Position),
            new("/camera/{id}/rotation", OscField.Rotation),
            new("/camera/{id}/quaternion", OscField.Quaternion),
            new("/camera/{id}/focalLength", OscField.FocalLength),
            new("/camera/{id}/focus", OscField.Focus),
        ],
        OscAxes.ZUp);

    /// <summary>VRChat OSC trackers: <c>/tracking/trackers/{id}/position</c> and <c>…/rotation</c>, Unity axes, metres.</summary>
    public static OscAddressMap VRChat { get; } = new(
        [
            new("/tracking/trackers/{id}/position", OscField.Position),
            new("/tracking/trackers/{id}/rotation", OscField.Rotation),
        ],
        OscAxes.Unity);

    /// <summary>Virtual Motion Tracker: <c>/VMT/Room/Unity</c> index enable time-offset x y z qx qy qz qw (camera 0).</summary>
    public static OscAddressMap Vmt { get; } = new([new("/VMT/Room/Unity", OscField.PoseQuaternion, 0, 3)], OscAxes.Unity);

    /// <summary>RTTrPM-to-OSC bridge: <c>/{id}/centroid</c>, <c>/{id}/quaternion</c>, <c>/{id}/euler</c> (metres, Z-up assumed).</summary>
    public static OscAddressMap Rttrpm { get; } = new(
        [
            new("/{id}/centroid", OscField.Position),
            new("/{id}/quaternion", OscField.Quaternion),
            new("/{id}/euler", OscField.Rotation),
        ],
        OscAxes.ZUp);

    /// <summary>The preset names accepted by <see cref="TryGetPreset"/>.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["default", "vrchat", "vmt", "rttrpm"];

    /// <summary>The mappings.</summary>
    public IReadOnlyList<OscMapEntry> Entries { get; }

    /// <summary>The sender's axes.</summary>
    public OscAxes Axes { get; }

    /// <summary>Scale from the sender's position unit to metres.</summary>
    public double MetresPerUnit { get; }

    /// <summary>A preset by name (case-insensitive).</summary>
    public static bool TryGetPreset(string name, out OscAddressMap map)
    {
        map = name?.ToUpperInvariant() switch
        {
            "DEFAULT" => Default,
            "VRCHAT" => VRChat,
            "VMT" => Vmt,
            "RTTRPM" => Rttrpm,
            _ => null!,
        };
        return map is not null;
    }

    /// <summary>The entry matching <paramref name="address"/> and the camera id, or −1.</summary>
    public int Match(ReadOnlySpan<byte> address, out int cameraId)
    {
        cameraId = 0;
        for (var i = 0; i < _prefixes.Length; i++)
        {
            if (!_hasId[i])
            {
                if (address.SequenceEqual(_prefixes[i]))
                {
                    cameraId = Entries[i].CameraId;
                    return i;
                }

                continue;
            }

            var prefix = _prefixes[i];
            var suffix = _suffixes[i];
            if (address.Length <= prefix.Length + suffix.Length || !address.StartsWith(prefix) || !address.EndsWith(suffix))
            {
                continue;
            }

            var digits = address[prefix.Length..^suffix.Length];
            if (digits.Length > 9)
            {
                continue;
            }

            var id = 0;
            var ok = true;
            foreach (var b in digits)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    ok = false;
                    break;
                }

                id = (id * 10) + (b - '0');
            }

            if (ok)
            {
                cameraId = id;
                return i;
            }
        }

        return -1;
    }
}
