using System.Buffers;
using Google.Protobuf;

namespace StageControl.Rpc;

/// <summary>Factories for <see cref="Marshaller{T}"/> (Grpc.Core.Marshallers).</summary>
public static class Marshallers
{
    /// <summary>A marshaller from array-based functions.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="serializer">Message to bytes.</param>
    /// <param name="deserializer">Bytes to message.</param>
    /// <returns>The marshaller.</returns>
    public static Marshaller<T> Create<T>(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        return new Marshaller<T>(
            (message, writer) => writer.Write(serializer(message)),
            sequence => deserializer(sequence.ToArray()));
    }

    /// <summary>The marshaller of a generated protobuf message type.</summary>
    /// <typeparam name="T">The generated message type.</typeparam>
    /// <param name="parser">The type's <c>Parser</c>.</param>
    /// <returns>The marshaller.</returns>
    public static Marshaller<T> ForProtobuf<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new Marshaller<T>((message, writer) => message.WriteTo(writer), parser.ParseFrom);
    }
}
