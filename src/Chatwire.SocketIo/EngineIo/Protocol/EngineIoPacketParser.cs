using System.Buffers;
using System.Buffers.Text;

namespace Chatwire.SocketIo.EngineIo.Protocol;

/// <summary>
/// Pure decoder of Engine.IO v4 packets: single WebSocket frames and HTTP long-polling payloads
/// (engine.io-protocol v4, "Packet encoding"). The decoded data is copied, so callers may recycle the input.
/// </summary>
internal static class EngineIoPacketParser
{
    /// <summary>Record separator between packets of a long-polling payload.</summary>
    public const byte RecordSeparator = 0x1e;

    /// <summary>Prefix of a base64-encoded binary packet inside a long-polling payload.</summary>
    public const byte Base64Prefix = (byte)'b';

    /// <summary>Decodes one WebSocket frame: binary frames are message packets sent as is, text frames are "&lt;type&gt;[&lt;data&gt;]".</summary>
    public static bool TryParseFrame(ReadOnlySequence<byte> frame, bool isBinaryFrame, out EngineIoPacket packet)
    {
        if (isBinaryFrame)
        {
            packet = EngineIoPacket.Binary(frame.ToArray());
            return true;
        }

        return TryParseTextPacket(frame, out packet);
    }

    /// <summary>
    /// Reads the next packet of a long-polling payload "&lt;packet&gt;\x1e&lt;packet&gt;..." and advances
    /// <paramref name="payload"/> past it and its separator. Returns false on a malformed or empty record.
    /// Call while the payload is not empty. A trailing separator is left in place so the next call reports
    /// the empty record after it as malformed, like the reference parser.
    /// </summary>
    public static bool TryReadPayloadPacket(ref ReadOnlySequence<byte> payload, out EngineIoPacket packet)
    {
        var separator = payload.PositionOf(RecordSeparator);
        ReadOnlySequence<byte> record;
        if (separator is { } position)
        {
            record = payload.Slice(0, position);
            var afterSeparator = payload.GetPosition(1, position);
            payload = payload.Slice(afterSeparator).IsEmpty ? payload.Slice(position) : payload.Slice(afterSeparator);
        }
        else
        {
            record = payload;
            payload = ReadOnlySequence<byte>.Empty;
        }

        if (!record.IsEmpty && record.FirstSpan[0] == Base64Prefix)
        {
            return TryDecodeBase64(record.Slice(1), out packet);
        }

        return TryParseTextPacket(record, out packet);
    }

    private static bool TryParseTextPacket(ReadOnlySequence<byte> record, out EngineIoPacket packet)
    {
        packet = default;
        if (record.IsEmpty)
        {
            return false;
        }

        var typeDigit = record.FirstSpan[0] - (byte)'0';
        if (typeDigit is < (int)EngineIoPacketType.Open or > (int)EngineIoPacketType.Noop)
        {
            return false;
        }

        packet = EngineIoPacket.Text((EngineIoPacketType)typeDigit, record.Slice(1).ToArray());
        return true;
    }

    private static bool TryDecodeBase64(ReadOnlySequence<byte> base64, out EngineIoPacket packet)
    {
        packet = default;
        var encoded = base64.IsSingleSegment ? base64.FirstSpan : base64.ToArray();
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        packet = EngineIoPacket.Binary(decoded.AsMemory(0, written));
        return true;
    }
}
