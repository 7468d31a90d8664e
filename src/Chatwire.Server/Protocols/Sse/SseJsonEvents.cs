using System.Buffers;
using System.Text.Json;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Writes an event whose data is JSON: the JSON is built in a rented buffer by one
/// <see cref="Utf8JsonWriter"/> per thread, then framed by <see cref="SseFormatter"/>, which turns
/// any line break into data lines. Serialising to a byte array instead cost one array per token.
/// </summary>
internal static class SseJsonEvents
{
    // Events are built synchronously, so one writer and one buffer per thread serve every stream
    // (as in WebSocketFrameWriter). The buffer gives its array back to the pool after each event,
    // so a thread keeps none between events.
    [ThreadStatic]
    private static PooledBufferWriter? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    // The payload serializer's encoder: the writer's options, not the serializer's, decide the
    // escaping when the serializer writes to a given writer, and the wire escapes only what JSON requires.
    private static readonly JsonWriterOptions Options = new() { Encoder = SseJson.Wire.Options.Encoder };

    public static void Write<TState>(IBufferWriter<byte> output, string? eventName, SseEventId id, TState state, Action<Utf8JsonWriter, TState> writeJson)
    {
        var buffer = t_buffer ??= new PooledBufferWriter();
        var json = t_json ??= new Utf8JsonWriter(buffer, Options);
        try
        {
            writeJson(json, state);
            json.Flush();
            SseFormatter.WriteEvent(output, eventName, id, buffer.WrittenSpan);
        }
        finally
        {
            json.Reset();
            buffer.Release();
        }
    }
}
