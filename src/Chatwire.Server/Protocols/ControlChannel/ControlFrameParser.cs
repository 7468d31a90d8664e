using System.Text.Json;
using Chatwire.Core.Turns;

namespace Chatwire.Server.Protocols.ControlChannel;

/// <summary>
/// Parses control-channel client frames (<c>{"type": ..., fields}</c>, see docs/protocols/control-channel.md).
/// Never throws: a bad frame becomes <see cref="ControlCommand.Invalid"/> naming the field.
/// </summary>
public static class ControlFrameParser
{
    public static ControlCommand Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return new ControlCommand.Invalid(ErrorCodes.InvalidJson, "Invalid JSON format");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return new ControlCommand.Invalid(ErrorCodes.InvalidFormat, "A frame must be a JSON object with a string 'type'");
            }

            try
            {
                return type.GetString() switch
                {
                    "typing" => new ControlCommand.Typing(RequiredString(root, "chat_id"), Bool(root, "is_typing") ?? true),
                    "message" => ParseMessage(root),
                    "bot_response_complete" => new ControlCommand.ResponseComplete(RequiredString(root, "chat_id"), Cursor(root)),
                    "sync" => new ControlCommand.Sync(String(root, "chat_id"), Cursor(root)),
                    "ping" => new ControlCommand.Ping(),
                    var other => new ControlCommand.Invalid(ErrorCodes.UnknownType, $"Unknown message type: {(other!.Length > 40 ? other[..40] + "…" : other)}"),
                };
            }
            catch (InvalidDataException invalid)
            {
                return new ControlCommand.Invalid(ErrorCodes.InvalidFormat, invalid.Message);
            }
        }
    }

    private static ControlCommand.StoreMessage ParseMessage(JsonElement root)
    {
        // The Flutter client nests its fields under "data" in some builds; accept both shapes.
        var body = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : root;
        var content = String(body, "content") ?? String(body, "message")
            ?? throw new InvalidDataException("'content' is required and must be a string");
        return new ControlCommand.StoreMessage(String(body, "chat_id"), content, String(body, "brand_id"));
    }

    private static string RequiredString(JsonElement root, string name) =>
        String(root, name) ?? throw new InvalidDataException($"'{name}' is required and must be a string");

    private static string? String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidDataException($"'{name}' must be a string");
    }

    private static bool? Bool(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidDataException($"'{name}' must be true or false"),
        };
    }

    /// <summary>The <c>since</c> cursor: a revision number the server sent earlier (a numeric string is accepted too).</summary>
    private static long Cursor(JsonElement root)
    {
        if (!root.TryGetProperty("since", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new InvalidDataException("'since' must be a cursor (a non-negative integer) from an earlier frame");
    }
}
