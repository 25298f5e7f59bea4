using System.Buffers;

namespace StageControl.Tracking.OpenTrackIO;

/// <summary>A complete OpenTrackIO payload produced by <see cref="OtrkReassembler"/>.</summary>
/// <param name="Encoding">The payload encoding.</param>
/// <param name="SequenceNumber">The sequence number of the message's first segment.</param>
/// <param name="Payload">
/// The payload bytes: a slice of the input for a single-segment message, else the reassembler's buffer; valid until
/// the next call to <see cref="OtrkReassembler.Add"/>.
/// </param>
public readonly record struct OtrkMessage(OtrkEncoding Encoding, ushort SequenceNumber, ReadOnlySequence<byte> Payload);
