using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Chatwire.SocketIo.Protocol;

/// <summary>
/// Pure decoder of the default Socket.IO v5 parser format
/// "&lt;type&gt;[&lt;attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][JSON]" (socket.io-protocol v5, "Format").
/// Anything the protocol calls invalid makes <see cref="TryDecode(ReadOnlySequence{byte}, int, out SocketIoPacket?)"/>
/// return false; the caller then closes the connection as the reference server does.
/// </summary>
internal static class SocketIoPacketDecoder
{
    /// <summary>Same default as the reference parser's maxAttachments.</summary>
    public const int DefaultMaxAttachments = 10;

    // Event names with a special meaning on either side may not come from the wire (socket.io-parser RESERVED_EVENTS).
    private static readonly HashSet<string> ReservedEvents =
        ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static bool TryDecode(ReadOnlyMemory<byte> utf8, out SocketIoPacket? packet) =>
        TryDecode(new ReadOnlySequence<byte>(utf8), DefaultMaxAttachments, out packet);

    public static bool TryDecode(ReadOnlySequence<byte> utf8, int maxAttachments, out SocketIoPacket? packet)
    {
        packet = null;
        var reader = new SequenceReader<byte>(utf8);
        if (!reader.TryRead(out var typeByte) || typeByte is < (byte)'0' or > (byte)'6')
        {
            return false;
        }

        var type = (SocketIoPacketType)(typeByte - '0');
        var attachments = 0;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck
            && !TryReadAttachmentCount(ref reader, maxAttachments, out attachments))
        {
            return false;
        }

        var nsp = SocketIoPacket.MainNamespace;
        if (reader.IsNext((byte)'/') && !TryReadNamespace(ref reader, out nsp))
        {
            return false;
        }

        long? ackId = null;
        if (reader.TryPeek(out var next) && IsDigit(next))
        {
            if (!TryReadNumber(ref reader, out var id))
            {
                return false;
            }

            ackId = id;
        }

        JsonElement? data = null;
        if (!reader.End)
        {
            if (!TryParseJson(utf8.Slice(reader.Position), out var parsed))
            {
                return false;
            }

            data = parsed;
        }

        if (!IsValid(type, ackId, data))
        {
            return false;
        }

        packet = new SocketIoPacket(type, nsp, ackId, data, attachments);
        return true;
    }

    private static bool TryReadAttachmentCount(ref SequenceReader<byte> reader, int maxAttachments, out int count)
    {
        count = 0;
        if (!TryReadNumber(ref reader, out var value) || !reader.IsNext((byte)'-', advancePast: true))
        {
            return false;
        }

        count = (int)Math.Min(value, int.MaxValue);
        return count >= 1 && count <= maxAttachments;
    }

    // The namespace runs up to the first comma or the end: the built-in parser has no escaping ("Format", notes).
    private static bool TryReadNamespace(ref SequenceReader<byte> reader, out string nsp)
    {
        ReadOnlySequence<byte> raw;
        if (!reader.TryReadTo(out raw, (byte)',', advancePastDelimiter: true))
        {
            raw = reader.UnreadSequence;
            reader.AdvanceToEnd();
        }

        nsp = SocketIoPacket.MainNamespace;
        try
        {
            nsp = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool TryReadNumber(ref SequenceReader<byte> reader, out long value)
    {
        value = 0;
        var digits = 0;
        while (reader.TryPeek(out var b) && IsDigit(b))
        {
            // More than 15 digits would leave the range a JavaScript number holds exactly.
            if (++digits > 15)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
            reader.Advance(1);
        }

        return digits > 0;
    }

    private static bool TryParseJson(ReadOnlySequence<byte> json, out JsonElement element)
    {
        element = default;
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            element = JsonElement.ParseValue(ref reader);

            // A second value or trailing garbage after the payload is malformed.
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Validity rules of socket.io-protocol v5 "Exchange protocol" (and the reference parser's isPayloadValid).
    private static bool IsValid(SocketIoPacketType type, long? ackId, JsonElement? data) => type switch
    {
        SocketIoPacketType.Connect => data is null || data.Value.ValueKind == JsonValueKind.Object,
        SocketIoPacketType.Disconnect => data is null,
        SocketIoPacketType.ConnectError => data?.ValueKind is JsonValueKind.Object or JsonValueKind.String,
        SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent => IsValidEventPayload(data),
        SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck => ackId is not null && data?.ValueKind == JsonValueKind.Array,
        _ => false,
    };

    private static bool IsValidEventPayload(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            return false;
        }

        var name = array[0];
        return name.ValueKind == JsonValueKind.Number
            || (name.ValueKind == JsonValueKind.String && !ReservedEvents.Contains(name.GetString()!));
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
