using System.Text.Json;
using Chatwire.Core.Conversations;
using Chatwire.Core.Notifications;
using Chatwire.Core.Usage;

namespace Chatwire.Server.Protocols.ControlChannel;

/// <summary>Writes control-channel server frames; property names as in docs/protocols/control-channel.md.</summary>
public static class ControlFrames
{
    public static void WriteConnected(Utf8JsonWriter json, (string UserId, string ConnectionId, long Cursor, TimeSpan TypingTimeout, DateTimeOffset Now) state)
    {
        json.WriteStartObject();
        json.WriteString("type", "connected");
        json.WriteString("user_id", state.UserId);
        json.WriteString("connection_id", state.ConnectionId);
        json.WriteNumber("cursor", state.Cursor);
        json.WriteNumber("typing_timeout_ms", (long)state.TypingTimeout.TotalMilliseconds);
        json.WriteString("timestamp", state.Now);
        json.WriteEndObject();
    }

    public static void WriteTyping(Utf8JsonWriter json, (string UserId, TypingNotification Typing) state)
    {
        json.WriteStartObject();
        json.WriteString("type", "typing");
        json.WriteString("user_id", state.UserId);
        json.WriteString("chat_id", state.Typing.ChatId);
        json.WriteBoolean("is_typing", state.Typing.IsTyping);
        json.WriteString("device_id", state.Typing.DeviceId);
        json.WriteEndObject();
    }

    public static void WriteAssistantTyping(Utf8JsonWriter json, GeneratingNotification generating)
    {
        json.WriteStartObject();
        json.WriteString("type", "assistant_typing");
        json.WriteString("chat_id", generating.ChatId);
        json.WriteString("message_id", generating.MessageId);
        json.WriteBoolean("is_typing", generating.IsGenerating);
        json.WriteEndObject();
    }

    public static void WriteMessageChange(Utf8JsonWriter json, (ConversationMessage Message, bool Created) state)
    {
        json.WriteStartObject();
        json.WriteString("type", state.Created ? "message_created" : "message_updated");
        json.WriteString("chat_id", state.Message.ConversationId);
        json.WriteNumber("cursor", state.Message.Revision);
        json.WritePropertyName("message");
        WriteMessage(json, state.Message);
        json.WriteEndObject();
    }

    public static void WriteUsage(Utf8JsonWriter json, UsageSnapshot usage)
    {
        json.WriteStartObject();
        // The same fields as GET /api/v1/usage and the other wires' usage_info (UsageView).
        json.WriteString("type", "usage_info");
        WriteOptional(json, "used", usage.Used);
        WriteOptional(json, "limit", usage.Limit);
        WriteOptional(json, "remaining", usage.Remaining);
        if (usage.ResetsAt is { } resets)
        {
            json.WriteString("resets_at", resets);
        }

        if (usage.Balance is { } balance)
        {
            json.WriteNumber("balance", balance);
        }

        if (usage.Charged is { } charged)
        {
            json.WriteNumber("charged", charged);
        }

        json.WriteBoolean("anonymous", usage.IsAnonymous);
        json.WriteEndObject();
    }

    public static void WriteHistory(Utf8JsonWriter json, (string? ChatId, long Since, ChangePage Page) state)
    {
        json.WriteStartObject();
        json.WriteString("type", "history");
        if (state.ChatId is null)
        {
            json.WriteNull("chat_id");
        }
        else
        {
            json.WriteString("chat_id", state.ChatId);
        }

        json.WriteNumber("since", state.Since);
        json.WriteNumber("cursor", state.Page.Cursor);
        json.WriteBoolean("has_more", state.Page.HasMore);
        json.WriteStartArray("messages");
        foreach (var message in state.Page.Items)
        {
            WriteMessage(json, message);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WritePong(Utf8JsonWriter json, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("type", "pong");
        json.WriteString("timestamp", now);
        json.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter json, (string Code, string Message) error)
    {
        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteString("code", error.Code);
        json.WriteString("message", error.Message);
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, ConversationMessage message)
    {
        json.WriteStartObject();
        json.WriteString("id", message.Id);
        json.WriteString("chat_id", message.ConversationId);
        json.WriteString("role", message.Role.ToString().ToLowerInvariant());
        json.WriteString("content", message.Content);
        json.WriteString("status", message.Status.ToString().ToLowerInvariant());
        if (message.Model is not null)
        {
            json.WriteString("model", message.Model);
        }

        if (message.Agent is not null)
        {
            json.WriteString("agent", message.Agent);
        }

        if (message.ReplacesMessageId is not null)
        {
            json.WriteString("replaces_message_id", message.ReplacesMessageId);
        }

        json.WriteNumber("revision", message.Revision);
        json.WriteString("created_at", message.CreatedAt);
        json.WriteString("updated_at", message.UpdatedAt);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
