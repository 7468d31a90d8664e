using Chatwire.Core.Turns;
using Chatwire.Server.Protocols.Rest;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Seed 001: named events <c>assistant_typing</c> (or <c>assistant_regenerating</c>), <c>assistant_delta</c>,
/// <c>assistant_complete</c> (or <c>assistant_regenerated</c>), <c>assistant_error</c>, <c>usage_info</c>.
/// </summary>
internal sealed class MessagesDialect : ISseDialect
{
    private static readonly AnswerPieceJson Piece = new("delta", "message_id");
    private TurnStarted? _started;

    public ValueTask WriteAsync(SseResponse sse, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case TurnStarted started:
                _started = started;
                var replaces = started.IsRegeneration ? RegeneratedMessageId : null;
                return sse.WriteAsync(started.IsRegeneration ? "assistant_regenerating" : "assistant_typing",
                    new TypingPayload(started.ConversationId, started.AssistantMessageId, started.UserMessageId, started.StreamId, started.Model, replaces),
                    SseJson.Wire.TypingPayload);
            case TurnDelta delta:
                return Piece.WriteAsync(sse, "assistant_delta", delta.Text, _started!.AssistantMessageId);
            case TurnCompleted completed:
                var regenerated = _started?.IsRegeneration == true;
                return sse.WriteAsync(regenerated ? "assistant_regenerated" : "assistant_complete",
                    MessagePayload.From(completed, regenerated ? RegeneratedMessageId : null), SseJson.Wire.MessagePayload);
            case TurnFailed failed:
                return WriteErrorAsync(sse, failed.Code, failed.Message);
            case UsageChanged usage:
                return sse.WriteAsync("usage_info", UsageView.From(usage.Usage), SseJson.Wire.UsageView);
            default:
                return ValueTask.CompletedTask;
        }
    }

    /// <summary>For a regeneration: the assistant message being replaced (the request's id).</summary>
    public string? RegeneratedMessageId { get; init; }

    public ValueTask WriteErrorAsync(SseResponse sse, string code, string message) =>
        sse.WriteAsync("assistant_error", new ErrorPayload(message, code, _started?.ConversationId, _started?.AssistantMessageId), SseJson.Wire.ErrorPayload);
}
