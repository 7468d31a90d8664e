using System.Text.Json;
using Chatwire.Core.Turns;

namespace Chatwire.Server.Protocols.BrandChat;

/// <summary>Parses seed 004 client frames: <c>{"type":"chat","data":{...}}</c> and <c>{"type":"ping","data":{}}</c>.</summary>
public static class BrandChatFrameParser
{
    public static BrandChatCommand Parse(ReadOnlySpan<byte> utf8, int maxMessageLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return new BrandChatCommand.Invalid(ErrorCodes.InvalidJson, "Invalid JSON format");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return new BrandChatCommand.Invalid(ErrorCodes.InvalidFormat, "Message must be a JSON object with a string 'type'");
            }

            return type.GetString() switch
            {
                "chat" => ParseChat(root, maxMessageLength),
                "ping" => new BrandChatCommand.Ping(),
                var other => new BrandChatCommand.Invalid(ErrorCodes.UnknownType, $"Unknown message type: {Truncate(other)}"),
            };
        }
    }

    private static BrandChatCommand ParseChat(JsonElement root, int maxMessageLength)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return new BrandChatCommand.Invalid(ErrorCodes.InvalidFormat, "'data' must be an object");
        }

        if (!data.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
        {
            return new BrandChatCommand.Invalid(ErrorCodes.InvalidFormat, "'data.message' is required and must be a string");
        }

        var text = message.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new BrandChatCommand.Invalid(ErrorCodes.EmptyMessage, "Message cannot be empty");
        }

        if (text.Length > maxMessageLength)
        {
            return new BrandChatCommand.Invalid(ErrorCodes.MessageTooLong, $"Message too long (maximum {maxMessageLength} characters)");
        }

        if (!TryOptionalString(data, "conversation_id", out var conversationId) || !TryOptionalString(data, "user_id", out var userId))
        {
            return new BrandChatCommand.Invalid(ErrorCodes.InvalidFormat, "'conversation_id' and 'user_id' must be strings");
        }

        var voice = false;
        if (data.TryGetProperty("voice", out var voiceElement) && voiceElement.ValueKind != JsonValueKind.Null)
        {
            if (voiceElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return new BrandChatCommand.Invalid(ErrorCodes.InvalidFormat, "'voice' must be a boolean");
            }

            voice = voiceElement.GetBoolean();
        }

        return new BrandChatCommand.Chat(text, conversationId, userId, voice);
    }

    private static bool TryOptionalString(JsonElement data, string name, out string? value)
    {
        value = null;
        if (!data.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static string Truncate(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40];
}
