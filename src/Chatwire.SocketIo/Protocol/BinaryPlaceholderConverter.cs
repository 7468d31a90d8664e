using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatwire.SocketIo.Protocol;

/// <summary>
/// Writes byte arrays as Socket.IO binary placeholders and reads placeholders back into byte arrays
/// (socket.io-protocol v5, "with binary data"). Outside a packet scope it falls back to base64 strings,
/// which is also what it accepts from clients that send base64 instead of binary.
/// </summary>
internal sealed class BinaryPlaceholderConverter : JsonConverter<byte[]>
{
    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BinaryPlaceholder.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        BinaryPlaceholder.Write(writer, value);
}

/// <summary>Same as <see cref="BinaryPlaceholderConverter"/> for <see cref="ReadOnlyMemory{T}"/> of bytes.</summary>
internal sealed class BinaryMemoryPlaceholderConverter : JsonConverter<ReadOnlyMemory<byte>>
{
    public override ReadOnlyMemory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BinaryPlaceholder.Read(ref reader) ?? ReadOnlyMemory<byte>.Empty;

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, JsonSerializerOptions options) =>
        BinaryPlaceholder.Write(writer, value);
}

internal static class BinaryPlaceholder
{
    public static void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value)
    {
        if (BinaryAttachments.Outgoing is not { } sink)
        {
            writer.WriteBase64StringValue(value.Span);
            return;
        }

        writer.WriteStartObject();
        writer.WriteBoolean("_placeholder"u8, true);
        writer.WriteNumber("num"u8, sink.Count);
        writer.WriteEndObject();
        sink.Add(value);
    }

    public static byte[]? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetBytesFromBase64();
            case JsonTokenType.StartObject:
                var element = JsonElement.ParseValue(ref reader);
                if (TryGetIndex(element, out var index) && BinaryAttachments.Incoming is { } attachments && index < attachments.Count)
                {
                    return attachments[index];
                }

                throw new JsonException("Expected a binary placeholder that refers to a received attachment.");
            default:
                throw new JsonException($"Cannot read binary data from a JSON {reader.TokenType}.");
        }
    }

    /// <summary>True for <c>{"_placeholder":true,"num":N}</c> with N a non-negative integer.</summary>
    public static bool TryGetIndex(JsonElement element, out int index)
    {
        index = -1;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("_placeholder"u8, out var flag) && flag.ValueKind == JsonValueKind.True
            && element.TryGetProperty("num"u8, out var num) && num.TryGetInt32(out index) && index >= 0;
    }
}
