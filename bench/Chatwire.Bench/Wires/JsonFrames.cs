using System.Text.Json;

namespace Chatwire.Bench.Wires;

/// <summary>Reads the <c>type</c> of a JSON frame without building the frame.</summary>
public static class JsonFrames
{
    /// <summary>True when the frame's top-level <c>type</c> is <paramref name="type"/> (UTF-8, unescaped).</summary>
    public static bool TypeIs(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> type)
    {
        // Fast path: every server here writes "type" first, and token frames are most of the traffic.
        ReadOnlySpan<byte> prefix = "{\"type\":\""u8;
        if (frame.StartsWith(prefix))
        {
            var rest = frame[prefix.Length..];
            return rest.StartsWith(type) && rest.Length > type.Length && rest[type.Length] == (byte)'"';
        }

        var reader = new Utf8JsonReader(frame);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(type);
                }

                reader.Skip();
            }
        }

        return false;
    }

    public static string Quote(string text) => JsonSerializer.Serialize(text);
}
