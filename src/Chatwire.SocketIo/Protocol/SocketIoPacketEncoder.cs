using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Chatwire.SocketIo.Protocol;

/// <summary>
/// Pure encoder of the default Socket.IO v5 parser format
/// "&lt;type&gt;[&lt;attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][JSON]" (socket.io-protocol v5, "Format").
/// </summary>
internal static class SocketIoPacketEncoder
{
    /// <summary>Writes a packet whose JSON payload is already serialized (empty span: no payload).</summary>
    public static void Write(
        IBufferWriter<byte> output,
        SocketIoPacketType type,
        string nsp,
        long? ackId,
        int attachmentCount,
        ReadOnlySpan<byte> json)
    {
        WriteDigit(output, (int)type);
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            WriteNumber(output, attachmentCount);
            output.Write("-"u8);
        }

        // The main namespace is implicit; others end with a comma and so may not contain one ("Format", notes).
        if (nsp != SocketIoPacket.MainNamespace)
        {
            if (nsp.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException("A namespace must not contain a comma.", nameof(nsp));
            }

            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(nsp.Length) + 1);
            var written = Encoding.UTF8.GetBytes(nsp, span);
            span[written] = (byte)',';
            output.Advance(written + 1);
        }

        if (ackId is { } id)
        {
            WriteNumber(output, id);
        }

        output.Write(json);
    }

    private static void WriteDigit(IBufferWriter<byte> output, int digit)
    {
        output.GetSpan(1)[0] = (byte)('0' + digit);
        output.Advance(1);
    }

    private static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }
}
