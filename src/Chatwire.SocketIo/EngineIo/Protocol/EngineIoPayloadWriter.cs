using System.Buffers;
using System.Buffers.Text;

namespace Chatwire.SocketIo.EngineIo.Protocol;

/// <summary>
/// Pure encoder of Engine.IO v4 packets (engine.io-protocol v4, "Packet encoding").
/// </summary>
internal static class EngineIoPayloadWriter
{
    /// <summary>Writes a text packet "&lt;type&gt;&lt;data&gt;" as sent in one WebSocket frame.</summary>
    public static void WriteTextPacket(IBufferWriter<byte> output, EngineIoPacketType type, ReadOnlySpan<byte> data)
    {
        var span = output.GetSpan(data.Length + 1);
        span[0] = (byte)('0' + (int)type);
        data.CopyTo(span[1..]);
        output.Advance(data.Length + 1);
    }

    /// <summary>
    /// Writes a long-polling payload: packets separated by "\x1e", binary packets as "b" + base64
    /// (binary is always base64 on long-polling since v4, see "From v3 to v4").
    /// </summary>
    public static void WritePayload(IBufferWriter<byte> output, IEnumerable<OutboundMessage> messages)
    {
        var first = true;
        foreach (var message in messages)
        {
            WriteRecord(output, message.Text.Span, ref first);
            foreach (var attachment in message.Attachments)
            {
                WriteSeparator(output, ref first);
                WriteBase64Record(output, attachment.Span);
            }
        }
    }

    private static void WriteRecord(IBufferWriter<byte> output, ReadOnlySpan<byte> record, ref bool first)
    {
        WriteSeparator(output, ref first);
        output.Write(record);
    }

    private static void WriteSeparator(IBufferWriter<byte> output, ref bool first)
    {
        if (!first)
        {
            output.Write([EngineIoPacketParser.RecordSeparator]);
        }

        first = false;
    }

    private static void WriteBase64Record(IBufferWriter<byte> output, ReadOnlySpan<byte> binary)
    {
        var length = Base64.GetMaxEncodedToUtf8Length(binary.Length) + 1;
        var span = output.GetSpan(length);
        span[0] = EngineIoPacketParser.Base64Prefix;
        Base64.EncodeToUtf8(binary, span[1..], out _, out var written);
        output.Advance(written + 1);
    }
}
