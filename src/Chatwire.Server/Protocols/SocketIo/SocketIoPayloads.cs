using System.Text.Json.Serialization;
using Chatwire.Server.Protocols.Rest;

namespace Chatwire.Server.Protocols.SocketIo;

// Seed 003 spells its fields in camelCase (sessionId); the rest of the Socket.IO payloads follow
// the server's snake_case, so the seed-003 names are pinned here.

/// <summary><c>ai:complete</c>: the whole answer, stored.</summary>
public sealed record AiCompletePayload(
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("sessionId")] string SessionId,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("agent")] string Agent,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources);

/// <summary><c>chats_list</c>: one page of the caller's conversations (pages count from 0, as seed 001's client sends them).</summary>
public sealed record ChatsListPayload(IReadOnlyList<ChatView> Chats, int Page, int Limit, int Total, bool HasMore);

/// <summary><c>messages_list</c>: one page of a conversation's messages, oldest first.</summary>
public sealed record MessagesListPayload(string ChatId, IReadOnlyList<MessageView> Messages, int Page, int Limit, int Total, bool HasMore);
