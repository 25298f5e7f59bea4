using System.Buffers;

namespace StageControl.Rpc;

/// <summary>
/// Turns messages into bytes and back (Grpc.Core.Marshaller). The serializer writes into a buffer writer and the
/// deserializer reads a (possibly multi-segment) sequence, so protobuf messages need no intermediate array.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
/// <param name="serializer">Writes a message.</param>
/// <param name="deserializer">Reads a message from exactly its bytes.</param>
public sealed class Marshaller<T>(Action<T, IBufferWriter<byte>> serializer, Func<ReadOnlySequence<byte>, T> deserializer)
{
    /// <summary>Writes a message.</summary>
    public Action<T, IBufferWriter<byte>> Serializer { get; } = serializer;

    /// <summary>Reads a message from exactly its bytes.</summary>
    public Func<ReadOnlySequence<byte>, T> Deserializer { get; } = deserializer;
}
