using System.Buffers;
using System.Text;
using System.Text.Json;
using Chatwire.Server.Protocols.Rest;
using Chatwire.Server.Protocols.Sse;

namespace Chatwire.Server.Tests.Sse;

public sealed class SseJsonEventsTests
{
    [Fact]
    public void PayloadDataIsByteForByteWhatTheSerializerWritesToAnArray()
    {
        var message = new MessagePayload("m-1", "c-1", "assistant", "<b>\"Salam\"</b> دنیا 🙂\n", "complete", "upstream-model", "general",
            new MessageUsage(3, 4, 7), null, "s-1", new DateTimeOffset(2026, 11, 22, 1, 58, 57, TimeSpan.FromHours(3.5)));
        var usage = new UsageView(null, null, null, null, 12.5m, 0.0035m, false);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(message, SseJson.Wire.MessagePayload), DataOf(message, SseJson.Wire.MessagePayload));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(usage, SseJson.Wire.UsageView), DataOf(usage, SseJson.Wire.UsageView));
    }

    [Fact]
    public void EventWhoseJsonFailsHalfwayLeavesNothingBehindForTheNext()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<InvalidOperationException>(() => SseJsonEvents.Write(output, null, new SseEventId("s", 0), 0, static (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("half", "written");
            throw new InvalidOperationException("payload broke");
        }));
        SseJsonEvents.Write(output, null, new SseEventId("s", 1), "ok", static (json, text) => json.WriteStringValue(text));

        Assert.Equal("id: s:1\ndata: \"ok\"\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private static byte[] DataOf<T>(T payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var output = new ArrayBufferWriter<byte>();
        SseJsonEvents.Write(output, null, new SseEventId("s", 0), payload, (json, p) => JsonSerializer.Serialize(json, p, typeInfo));
        var framed = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.StartsWith("id: s:0\ndata: ", framed, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", framed, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(framed["id: s:0\ndata: ".Length..^2]);
    }
}
