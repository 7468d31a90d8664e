using System.Text.Json;
using Chatwire.Core.Turns;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>
/// Parses one client text frame (a complete WebSocket message) into a <see cref="ClientFrame"/>.
/// No I/O and no exceptions out: anything unusable becomes an <see cref="InvalidFrame"/> that names the problem.
/// </summary>
internal static class WsChatFrameReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    public static ClientFrame Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return ParseObject(utf8);
        }
        catch (InvalidDataException exception)
        {
            return new InvalidFrame(ErrorCodes.InvalidFormat, exception.Message);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8.
            return new InvalidFrame(ErrorCodes.InvalidFormat, "Frame is not valid JSON; send a JSON object with a type field.");
        }
    }

    private static ClientFrame ParseObject(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("Frame must be a JSON object with a 'type' field.");
        }

        string? type = null, token = null, message = null, sessionId = null, customerId = null, brandId = null, model = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = ReadString(ref reader, "type");
            }
            else if (reader.ValueTextEquals("token"u8))
            {
                token = ReadString(ref reader, "token");
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                message = ReadString(ref reader, "message");
            }
            else if (reader.ValueTextEquals("session_id"u8))
            {
                sessionId = ReadString(ref reader, "session_id");
            }
            else if (reader.ValueTextEquals("customer_id"u8))
            {
                customerId = ReadString(ref reader, "customer_id");
            }
            else if (reader.ValueTextEquals("brand_id"u8))
            {
                brandId = ReadString(ref reader, "brand_id");
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                model = ReadString(ref reader, "model");
            }
            else
            {
                // Unknown fields are ignored so clients can send extras (timestamps, client ids).
                reader.Read();
                reader.Skip();
            }
        }

        // Reading past the end of the object throws on trailing content ("{} x").
        if (reader.Read())
        {
            throw new InvalidDataException("Frame must hold exactly one JSON object.");
        }

        return type switch
        {
            null => throw new InvalidDataException("Field 'type' is required."),
            "message" => new MessageFrame(message, Blank(sessionId), Blank(customerId), Blank(brandId), Blank(model)),
            "auth" => new AuthFrame(token),
            "ping" => PingFrame.Instance,
            _ => new InvalidFrame(ErrorCodes.UnknownType, $"Unknown frame type {Truncate(type)}; expected auth, message or ping."),
        };
    }

    /// <summary>A string field; JSON null reads as null, any other type is a format error naming the field.</summary>
    private static string? ReadString(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new InvalidDataException($"Field '{name}' must be a string."),
        };
    }

    // The seed's JavaScript client sends "session_id": null; an empty string means the same.
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
