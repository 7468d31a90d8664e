using System.Buffers;
using System.Globalization;
using System.Text;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// The Server-Sent Events wire format (WHATWG HTML, "Server-sent events", 9.2.4): pure formatting
/// into a buffer, no I/O. An event is <c>event:</c>, <c>id:</c> and one <c>data:</c> line per line
/// of its data, ended by a blank line; a line starting with ':' is a comment clients ignore.
/// </summary>
public static class SseFormatter
{
    private static ReadOnlySpan<byte> EventField => "event: "u8;
    private static ReadOnlySpan<byte> IdField => "id: "u8;
    private static ReadOnlySpan<byte> DataField => "data: "u8;

    /// <summary>Writes one event. <paramref name="data"/> is UTF-8; each of its lines becomes a <c>data:</c> line.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, string? eventName, SseEventId? id, ReadOnlySpan<byte> data)
    {
        if (eventName is not null)
        {
            WriteField(output, EventField, eventName);
        }

        if (id is { } eventId)
        {
            WriteId(output, eventId);
        }

        // A CR, LF or CRLF inside the data would end the field early; the spec's answer is one data line per line.
        while (true)
        {
            var end = data.IndexOfAny((byte)'\r', (byte)'\n');
            output.Write(DataField);
            output.Write(end < 0 ? data : data[..end]);
            output.Write("\n"u8);
            if (end < 0)
            {
                break;
            }

            var skip = data[end] == '\r' && end + 1 < data.Length && data[end + 1] == '\n' ? 2 : 1;
            data = data[(end + skip)..];
        }

        output.Write("\n"u8);
    }

    /// <summary>Writes a comment line (a heartbeat); clients ignore it, proxies see traffic.</summary>
    public static void WriteComment(IBufferWriter<byte> output, string text)
    {
        output.Write(":"u8);
        if (text.Length > 0)
        {
            output.Write(" "u8);
            WriteSingleLine(output, text);
        }

        output.Write("\n\n"u8);
    }

    private static void WriteId(IBufferWriter<byte> output, SseEventId id)
    {
        output.Write(IdField);
        WriteSingleLine(output, id.Prefix);
        output.Write(":"u8);
        var span = output.GetSpan(11);
        id.Sequence.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
        output.Advance(written);
        output.Write("\n"u8);
    }

    private static void WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> name, string value)
    {
        output.Write(name);
        WriteSingleLine(output, value);
        output.Write("\n"u8);
    }

    /// <summary>Field values other than data cannot span lines: line breaks become spaces.</summary>
    private static void WriteSingleLine(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, span);
        span[..written].Replace((byte)'\r', (byte)' ');
        span[..written].Replace((byte)'\n', (byte)' ');
        output.Advance(written);
    }
}
