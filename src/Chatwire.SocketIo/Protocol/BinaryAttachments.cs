using System.Text.Json;

namespace Chatwire.SocketIo.Protocol;

/// <summary>
/// The attachments of the Socket.IO packet being serialized or deserialized on this thread, so that
/// <see cref="BinaryPlaceholderConverter"/> can swap byte arrays for <c>{"_placeholder":true,"num":N}</c>
/// anywhere in an argument graph (socket.io-protocol v5, "with binary data"). Serialization is synchronous,
/// so a thread-static scope is exact and costs no allocation per emit.
/// </summary>
internal static class BinaryAttachments
{
    [ThreadStatic]
    private static List<ReadOnlyMemory<byte>>? t_outgoing;

    [ThreadStatic]
    private static IReadOnlyList<byte[]>? t_incoming;

    /// <summary>Where the converter collects byte arrays while an outgoing packet is written, if any.</summary>
    public static List<ReadOnlyMemory<byte>>? Outgoing => t_outgoing;

    /// <summary>The attachments placeholders refer to while an incoming packet is read, if any.</summary>
    public static IReadOnlyList<byte[]>? Incoming => t_incoming;

    public static OutgoingScope CollectOutgoing(List<ReadOnlyMemory<byte>> sink) => new(sink);

    public static T? Deserialize<T>(JsonElement element, IReadOnlyList<byte[]> attachments, JsonSerializerOptions options)
    {
        var previous = t_incoming;
        t_incoming = attachments;
        try
        {
            return element.Deserialize<T>(options);
        }
        finally
        {
            t_incoming = previous;
        }
    }

    public readonly struct OutgoingScope : IDisposable
    {
        private readonly List<ReadOnlyMemory<byte>>? _previous;

        internal OutgoingScope(List<ReadOnlyMemory<byte>> sink)
        {
            _previous = t_outgoing;
            t_outgoing = sink;
        }

        public void Dispose() => t_outgoing = _previous;
    }
}
