using Chatwire.Core.Turns;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Seed 000: unnamed events, <c>data: {"content":"..."}</c> per piece, <c>data: [DONE]</c> at the end.
/// Errors are <c>data: {"error","code"}</c>, also followed by <c>[DONE]</c> so a client waiting for it stops.
/// </summary>
internal sealed class ChatStreamDialect : ISseDialect
{
    private static readonly byte[] Done = "[DONE]"u8.ToArray();
    private static readonly AnswerPieceJson Piece = new("content", "chat_id");
    private string? _chatId;

    public ValueTask WriteAsync(SseResponse sse, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case TurnStarted started:
                _chatId = started.ConversationId;
                return ValueTask.CompletedTask;
            case TurnDelta delta:
                return Piece.WriteAsync(sse, null, delta.Text, _chatId!);
            case TurnCompleted:
                return sse.WriteAsync(null, Done);
            case TurnFailed failed:
                return WriteErrorAsync(sse, failed.Code, failed.Message);
            default:
                return ValueTask.CompletedTask;
        }
    }

    public async ValueTask WriteErrorAsync(SseResponse sse, string code, string message)
    {
        await sse.WriteAsync(null, new ErrorPayload(message, code, _chatId), SseJson.Wire.ErrorPayload);
        await sse.WriteAsync(null, Done);
    }
}
