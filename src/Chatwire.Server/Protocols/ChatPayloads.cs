using System.Text.Json.Serialization;

namespace Chatwire.Server.Protocols;

// Shared by the wires that speak them: seed 003's errors are the same records over Socket.IO and
// SSE; its SSE stream writes each piece's two fields straight (AnswerPieceJson), with no record per token.
// Seed 003 spells its fields in camelCase (sessionId), so the names are pinned here whatever
// naming policy a wire's serializer has.

/// <summary>Seed 003: one piece of the answer (<c>ai:stream</c>).</summary>
public sealed record AiStreamPayload(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("sessionId")] string SessionId);

/// <summary>
/// A message safe to show and a stable code: <c>ai:error</c> and seed 003's SSE error,
/// <c>assistant_error</c> on seed 001's <c>/chats</c> namespace.
/// </summary>
public sealed record ChatErrorPayload(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("sessionId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId = null);
