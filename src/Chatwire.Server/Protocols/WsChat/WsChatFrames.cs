using System.Text.Json;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>
/// Writes the server frames of seed 002 with a <see cref="Utf8JsonWriter"/> (property names
/// pre-encoded), for <see cref="WebSockets.WebSocketFrameWriter"/> to send. No I/O here.
/// </summary>
internal static class WsChatFrames
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Step = JsonEncodedText.Encode("step");
    private static readonly JsonEncodedText Token = JsonEncodedText.Encode("token");
    private static readonly JsonEncodedText PartialResponse = JsonEncodedText.Encode("partial_response");
    private static readonly JsonEncodedText Response = JsonEncodedText.Encode("response");
    private static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("session_id");
    private static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText Agent = JsonEncodedText.Encode("agent");
    private static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
    private static readonly JsonEncodedText Context = JsonEncodedText.Encode("context");
    private static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
    private static readonly JsonEncodedText MessageId = JsonEncodedText.Encode("message_id");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText RetryAfter = JsonEncodedText.Encode("retry_after");

    private static readonly JsonEncodedText AuthSuccessType = JsonEncodedText.Encode("auth_success");
    private static readonly JsonEncodedText AuthErrorType = JsonEncodedText.Encode("auth_error");
    private static readonly JsonEncodedText ProgressType = JsonEncodedText.Encode("progress");
    private static readonly JsonEncodedText TokenType = JsonEncodedText.Encode("token");
    private static readonly JsonEncodedText CompleteType = JsonEncodedText.Encode("complete");
    private static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText PongType = JsonEncodedText.Encode("pong");

    public static void WriteAuthSuccess(Utf8JsonWriter json, ChatIdentity identity)
    {
        Begin(json, AuthSuccessType);
        json.WriteString(Message, "Authentication successful");
        json.WriteStartObject(User);
        json.WriteString(Id, identity.Id);
        json.WriteString(Email, identity.Email);
        json.WriteString(Name, identity.Name);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteAuthError(Utf8JsonWriter json, string message)
    {
        Begin(json, AuthErrorType);
        json.WriteString(Message, message);
        json.WriteEndObject();
    }

    public static void WriteProgress(Utf8JsonWriter json, TurnProgress progress)
    {
        Begin(json, ProgressType);
        json.WriteString(Step, progress.Step);
        json.WriteString(Message, progress.Text);
        json.WriteEndObject();
    }

    /// <summary>A token frame; <see cref="TokenState.Partial"/> is the turn's accumulated text, written straight from its buffer.</summary>
    public static void WriteToken(Utf8JsonWriter json, TokenState state)
    {
        Begin(json, TokenType);
        json.WriteString(Token, state.Token);
        json.WriteString(PartialResponse, state.Answer.Text);
        json.WriteEndObject();
    }

    public static void WriteComplete(Utf8JsonWriter json, TurnResult result)
    {
        Begin(json, CompleteType);
        json.WriteString(Response, result.Text);
        json.WriteString(SessionId, result.ConversationId);
        json.WriteStartObject(Metadata);
        json.WriteString(Agent, result.Agent);
        json.WriteNumber(Confidence, result.Confidence);
        json.WriteStartObject(Context);
        json.WriteStartArray(Sources);
        foreach (var source in result.Sources)
        {
            json.WriteStringValue(source);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString(MessageId, result.AssistantMessageId);
        json.WriteString(Model, result.Model);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter json, (string Code, string Message, TimeSpan? RetryAfter) error)
    {
        Begin(json, ErrorType);
        json.WriteString(Error, error.Message);
        json.WriteString(Code, error.Code);
        if (error.RetryAfter is { } wait)
        {
            json.WriteNumber(RetryAfter, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
        }

        json.WriteEndObject();
    }

    public static void WritePong(Utf8JsonWriter json, int unused)
    {
        Begin(json, PongType);
        json.WriteEndObject();
    }

    private static void Begin(Utf8JsonWriter json, JsonEncodedText type)
    {
        json.WriteStartObject();
        json.WriteString(Type, type);
    }

    /// <summary>State of a token frame: the new piece and the answer it completes so far.</summary>
    public readonly record struct TokenState(string Token, AnswerBuffer Answer);
}
