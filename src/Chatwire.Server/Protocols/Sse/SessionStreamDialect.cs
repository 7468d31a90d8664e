using Chatwire.Core.Turns;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Seed 003: unnamed events, <c>data: {"content","sessionId"}</c> per piece, then
/// <c>data: {"done":true,"sessionId"}</c>; errors as <c>data: {"error":"..."}</c> (plus <c>code</c>).
/// </summary>
internal sealed class SessionStreamDialect : ISseDialect
{
    private static readonly AnswerPieceJson Piece = new("content", "sessionId");
    private string? _sessionId;

    public ValueTask WriteAsync(SseResponse sse, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case TurnStarted started:
                _sessionId = started.ConversationId;
                return ValueTask.CompletedTask;
            case TurnDelta delta:
                return Piece.WriteAsync(sse, null, delta.Text, _sessionId!);
            case TurnCompleted completed:
                return sse.WriteAsync(null, new SessionDone(true, completed.Result.ConversationId, completed.Result.AssistantMessageId), SseJson.Wire.SessionDone);
            case TurnFailed failed:
                return WriteErrorAsync(sse, failed.Code, failed.Message);
            default:
                return ValueTask.CompletedTask;
        }
    }

    public ValueTask WriteErrorAsync(SseResponse sse, string code, string message) =>
        sse.WriteAsync(null, new ChatErrorPayload(message, code, _sessionId), SseJson.Wire.ChatErrorPayload);
}
