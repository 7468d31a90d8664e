using System.Text.Json;
using System.Text.Json.Serialization;
using Chatwire.Core.Turns;
using Chatwire.Server.Protocols.Rest;

namespace Chatwire.Server.Protocols.Sse;

// The JSON carried by the SSE dialects' events. Small records, kept together because each is one line.

/// <summary>Every dialect's error; chat and message ids when a turn had started.</summary>
internal sealed record ErrorPayload(
    string Error,
    string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ChatId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageId = null);

/// <summary>Seed 001 <c>assistant_typing</c> / <c>assistant_regenerating</c>.</summary>
internal sealed record TypingPayload(
    string ChatId,
    string MessageId,
    string UserMessageId,
    string StreamId,
    string Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplacesMessageId);

/// <summary>Seed 001 <c>assistant_complete</c> / <c>assistant_regenerated</c>: the stored assistant message.</summary>
internal sealed record MessagePayload(
    string Id,
    string ChatId,
    string Role,
    string Content,
    string Status,
    string Model,
    string Agent,
    MessageUsage Usage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplacesMessageId,
    string StreamId,
    DateTimeOffset CreatedAt)
{
    public static MessagePayload From(TurnCompleted completed, string? replacesMessageId)
    {
        var r = completed.Result;
        return new(r.AssistantMessageId, r.ConversationId, "assistant", r.Text, "complete", r.Model, r.Agent,
            new MessageUsage(r.Usage.PromptTokens, r.Usage.CompletionTokens, r.Usage.TotalTokens), replacesMessageId, completed.StreamId, r.CreatedAt);
    }
}

/// <summary>Seed 001 <c>test_message</c>.</summary>
internal sealed record TestMessagePayload(int Counter, string Message);

/// <summary>Seed 001 <c>test_complete</c>.</summary>
internal sealed record TestCompletePayload(string Message);

/// <summary>Seed 003: the end of the answer.</summary>
internal sealed record SessionDone(
    [property: JsonPropertyName("done")] bool Done,
    [property: JsonPropertyName("sessionId")] string SessionId,
    [property: JsonPropertyName("messageId")] string MessageId);

/// <summary>Source-generated serializers for the SSE payloads: snake_case, as seed 001 spells its fields.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorPayload))]
[JsonSerializable(typeof(TypingPayload))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(UsageView))]
[JsonSerializable(typeof(TestMessagePayload))]
[JsonSerializable(typeof(TestCompletePayload))]
[JsonSerializable(typeof(SessionDone))]
[JsonSerializable(typeof(ChatErrorPayload))]
internal sealed partial class SseJson : JsonSerializerContext
{
    /// <summary>
    /// Escapes only what JSON requires: an event stream is not HTML, and non-Latin answers
    /// (Persian, Indonesian names) stay readable and compact instead of becoming \uXXXX.
    /// </summary>
    public static SseJson Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
