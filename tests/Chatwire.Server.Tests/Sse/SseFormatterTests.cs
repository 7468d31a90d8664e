using System.Buffers;
using System.Text;
using Chatwire.Server.Protocols.Sse;

namespace Chatwire.Server.Tests.Sse;

public sealed class SseFormatterTests
{
    [Fact]
    public void FormatterSplitsMultiLineDataAndKeepsFieldsOnOneLine()
    {
        var output = new ArrayBufferWriter<byte>();

        SseFormatter.WriteEvent(output, "note", new SseEventId("s", 1), "first\nsecond\r\nthird"u8);
        SseFormatter.WriteComment(output, "heartbeat");
        SseFormatter.WriteEvent(output, "bad\nname", null, "x"u8);

        Assert.Equal("event: note\nid: s:1\ndata: first\ndata: second\ndata: third\n\n: heartbeat\n\nevent: bad name\ndata: x\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void EventIdIsThePrefixAColonAndTheSequenceOnOneLine()
    {
        var output = new ArrayBufferWriter<byte>();

        SseFormatter.WriteEvent(output, null, new SseEventId("019a-stream", 0), "a"u8);
        SseFormatter.WriteEvent(output, null, new SseEventId("two\r\nlines", int.MaxValue), ""u8);

        Assert.Equal("id: 019a-stream:0\ndata: a\n\nid: two  lines:2147483647\ndata: \n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
