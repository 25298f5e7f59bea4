using System.Buffers;
using System.Runtime.CompilerServices;
using StageControl.Core.Geometry;
using StageControl.Tracking.Mapping;
using StageControl.Tracking.Osc;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// OSC datagrams → samples through an <see cref="OscAddressMap"/>. The packet is parsed with a struct
/// <see cref="IOscHandler"/> (no message objects); each mapped message updates that camera's running pose, and after
/// the whole datagram (a bundle may carry position and rotation together) every updated camera emits one sample.
/// Cameras keep their last position/rotation/lens values between messages. Allocates only when a new camera appears.
/// </summary>
internal sealed class OscDecoder(OscAddressMap map) : TrackingDecoder
{
    private const int MaxArgs = 10;
    private const int MaxCameras = 64;

    private readonly CameraState[] _cameras = new CameraState[MaxCameras];
    private int _cameraCount;

    /// <inheritdoc/>
    public override string FormatName => "osc";

    /// <inheritdoc/>
    public override IngestRejectReason Decode(ReadOnlySequence<byte> datagram, long timestamp, int sourceIndex, SourceTable sources, ISampleSink sink)
    {
        if (datagram.IsEmpty)
        {
            return IngestRejectReason.Empty;
        }

        var handler = new Handler { Decoder = this };
        var reader = new SequenceReader<byte>(datagram);
        if (OscReader.TryRead(ref reader, ref handler) != OperationStatus.Done)
        {
            ClearDirty();
            return IngestRejectReason.Payload;
        }

        if (handler.BadArguments)
        {
            ClearDirty();
            return IngestRejectReason.Payload;
        }

        var emitted = false;
        for (var i = 0; i < _cameraCount; i++)
        {
            var camera = _cameras[i];
            if (!camera.Dirty)
            {
                continue;
            }

            camera.Dirty = false;
            emitted = true;
            sink.OnSample(
                new TrackingSample(timestamp, camera.Id, camera.Position, camera.Orientation, camera.FocalLengthMm, camera.FocusDistanceM, double.NaN, -1, -1, -1),
                sourceIndex);
        }

        return emitted ? IngestRejectReason.None : IngestRejectReason.NoPose;
    }

    private void ClearDirty()
    {
        for (var i = 0; i < _cameraCount; i++)
        {
            _cameras[i].Dirty = false;
        }
    }

    private CameraState? Camera(int id)
    {
        for (var i = 0; i < _cameraCount; i++)
        {
            if (_cameras[i].Id == id)
            {
                return _cameras[i];
            }
        }

        if (_cameraCount == MaxCameras)
        {
            return null;
        }

        var state = new CameraState { Id = id };
        _cameras[_cameraCount++] = state;
        return state;
    }

    /// <summary>Applies one complete mapped message; false when its arguments do not fit the field.</summary>
    private bool Apply(int entry, int cameraId, ReadOnlySpan<double> args)
    {
        var e = map.Entries[entry];
        if (args.Length < e.SkipArguments)
        {
            return false;
        }

        args = args[e.SkipArguments..];
        var needed = e.Field switch
        {
            OscField.Pose => 6,
            OscField.PoseQuaternion => 7,
            OscField.Position or OscField.Rotation => 3,
            OscField.Quaternion => 4,
            _ => 1,
        };
        if (args.Length < needed)
        {
            return false;
        }

        var camera = Camera(cameraId);
        if (camera is null)
        {
            return true;
        }

        switch (e.Field)
        {
            case OscField.Pose:
                camera.Position = ToPosition(args[0], args[1], args[2]);
                camera.Orientation = ToOrientation(args[3], args[4], args[5]);
                break;
            case OscField.PoseQuaternion:
                camera.Position = ToPosition(args[0], args[1], args[2]);
                camera.Orientation = ToOrientation(args[3], args[4], args[5], args[6]);
                break;
            case OscField.Position:
                camera.Position = ToPosition(args[0], args[1], args[2]);
                break;
            case OscField.Rotation:
                camera.Orientation = ToOrientation(args[0], args[1], args[2]);
                break;
            case OscField.Quaternion:
                camera.Orientation = ToOrientation(args[0], args[1], args[2], args[3]);
                break;
            case OscField.FocalLength:
                camera.FocalLengthMm = args[0];
                break;
            default:
                camera.FocusDistanceM = args[0];
                break;
        }

        camera.Dirty = true;
        return true;
    }

    private Vec3 ToPosition(double x, double y, double z)
    {
        var s = map.MetresPerUnit;
        return map.Axes switch
        {
            OscAxes.ZUp => Vec3.FromZUp(x, y, z) * s,
            OscAxes.YUp => new Vec3(x, y, z) * s,
            _ => new Vec3(x, y, -z) * s,
        };
    }

    private Quat ToOrientation(double a, double b, double c) => map.Axes == OscAxes.Unity
        ? PanTiltRoll.ToOrientation(b, -a, -c)
        : PanTiltRoll.ToOrientation(a, b, c);

    // Quaternion (x, y, z, w) in the sender's axes → stage axes: a change of basis rotates the vector part like a
    // vector (Z-up: (x, y, z) → (x, z, −y)); the Unity mirror z → −z also flips the handedness, negating it: (−x, −y, z).
    private Quat ToOrientation(double x, double y, double z, double w) => (map.Axes switch
    {
        OscAxes.ZUp => new Quat(w, x, z, -y),
        OscAxes.YUp => new Quat(w, x, y, z),
        _ => new Quat(w, -x, -y, z),
    }).Normalized();

    [InlineArray(MaxArgs)]
    private struct ArgBuffer
    {
        private double _element0;
    }

    private sealed class CameraState
    {
        public int Id;
        public Vec3 Position;
        public Quat Orientation = Quat.Identity;
        public double FocalLengthMm = double.NaN;
        public double FocusDistanceM = double.NaN;
        public bool Dirty;
    }

    private struct Handler : IOscHandler
    {
        public OscDecoder Decoder;
        public bool BadArguments;
        private int _entry;
        private int _cameraId;
        private int _count;
        private bool _nonNumeric;
        private ArgBuffer _args;

        public void OnMessageStart(ReadOnlySpan<byte> address, ReadOnlySpan<byte> typeTags)
        {
            _entry = Decoder.MapMatch(address, out _cameraId);
            _count = 0;
            _nonNumeric = false;
        }

        public void OnMessageEnd()
        {
            if (_entry < 0)
            {
                return;
            }

            if (_nonNumeric || !Decoder.Apply(_entry, _cameraId, ((ReadOnlySpan<double>)_args)[.._count]))
            {
                BadArguments = true;
            }
        }

        public void OnInt32(int value) => Add(value);

        public void OnInt64(long value) => Add(value);

        public void OnFloat32(float value) => Add(value);

        public void OnFloat64(double value) => Add(value);

        public void OnString(ReadOnlySpan<byte> value, bool isSymbol) => _nonNumeric |= _entry >= 0;

        public void OnBlob(ReadOnlySpan<byte> value) => _nonNumeric |= _entry >= 0;

        public void OnChar(int value) => _nonNumeric |= _entry >= 0;

        public void OnTimeTag(OscTimeTag value) => _nonNumeric |= _entry >= 0;

        public void OnRgba(uint value) => _nonNumeric |= _entry >= 0;

        public void OnMidi(OscMidi value) => _nonNumeric |= _entry >= 0;

        public void OnBoolean(bool value)
        {
            // VMT-style enable flags are ignored.
        }

        public readonly void OnNil()
        {
        }

        public readonly void OnInfinitum()
        {
        }

        public void OnArrayStart() => _nonNumeric |= _entry >= 0;

        public readonly void OnArrayEnd()
        {
        }

        public readonly void OnBundleStart(OscTimeTag timeTag)
        {
        }

        public readonly void OnBundleEnd()
        {
        }

        private void Add(double value)
        {
            if (_entry >= 0 && _count < MaxArgs)
            {
                _args[_count++] = value;
            }
        }
    }

    private int MapMatch(ReadOnlySpan<byte> address, out int cameraId) => map.Match(address, out cameraId);
}
