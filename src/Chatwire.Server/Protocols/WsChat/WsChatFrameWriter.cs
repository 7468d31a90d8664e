using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>
/// Writes the server frames of seed 002 as UTF-8 JSON into one reused buffer. Each method returns
/// the frame's bytes, valid until the next call: the owner sends it before writing another.
/// </summary>
internal sealed class WsChatFrameWriter : IDisposable
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

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public WsChatFrameWriter() =>
        // Relaxed escaping keeps non-ASCII answers readable on the wire; the frames are never embedded in HTML.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public ReadOnlyMemory<byte> AuthSuccess(ChatIdentity identity)
    {
        Begin(AuthSuccessType);
        _json.WriteString(Message, "Authentication successful");
        _json.WriteStartObject(User);
        _json.WriteString(Id, identity.Id);
        _json.WriteString(Email, identity.Email);
        _json.WriteString(Name, identity.Name);
        _json.WriteEndObject();
        return End();
    }

    public ReadOnlyMemory<byte> AuthError(string message)
    {
        Begin(AuthErrorType);
        _json.WriteString(Message, message);
        return End();
    }

    public ReadOnlyMemory<byte> Progress(string step, string message)
    {
        Begin(ProgressType);
        _json.WriteString(Step, step);
        _json.WriteString(Message, message);
        return End();
    }

    /// <summary>A token frame; <paramref name="partial"/> is the turn's accumulated text, written straight from its buffer.</summary>
    public ReadOnlyMemory<byte> TokenFrame(string token, ReadOnlySpan<char> partial)
    {
        Begin(TokenType);
        _json.WriteString(Token, token);
        _json.WriteString(PartialResponse, partial);
        return End();
    }

    public ReadOnlyMemory<byte> Complete(TurnResult result)
    {
        Begin(CompleteType);
        _json.WriteString(Response, result.Text);
        _json.WriteString(SessionId, result.ConversationId);
        _json.WriteStartObject(Metadata);
        _json.WriteString(Agent, result.Agent);
        _json.WriteNumber(Confidence, result.Confidence);
        _json.WriteStartObject(Context);
        _json.WriteStartArray(Sources);
        foreach (var source in result.Sources)
        {
            _json.WriteStringValue(source);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteString(MessageId, result.AssistantMessageId);
        _json.WriteString(Model, result.Model);
        _json.WriteEndObject();
        return End();
    }

    public ReadOnlyMemory<byte> ErrorFrame(string code, string message, TimeSpan? retryAfter = null)
    {
        Begin(ErrorType);
        _json.WriteString(Error, message);
        _json.WriteString(Code, code);
        if (retryAfter is { } wait)
        {
            _json.WriteNumber(RetryAfter, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
        }

        return End();
    }

    public ReadOnlyMemory<byte> Pong()
    {
        Begin(PongType);
        return End();
    }

    private void Begin(JsonEncodedText type)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString(Type, type);
    }

    private ReadOnlyMemory<byte> End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenMemory;
    }

    public void Dispose() => _json.Dispose();
}
