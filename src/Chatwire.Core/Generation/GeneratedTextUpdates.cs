using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation;

/// <summary>
/// The <see cref="IChatClient"/> face of an <see cref="ITextStreamingChatClient"/>: its pieces as
/// response updates, so that each provider is written once, as a text stream.
/// </summary>
internal static class GeneratedTextUpdates
{
    /// <summary>
    /// One update per piece of text, then one for what the last piece reports: its usage as
    /// <see cref="UsageContent"/>, its sources under <see cref="Grounding.SourcesKey"/>.
    /// </summary>
    /// <param name="finishReason">
    /// Set on that last update when the provider knows why its answers end; null when it cannot tell
    /// (an upstream may stop at its length limit without saying so to Chatwire).
    /// </param>
    public static async IAsyncEnumerable<ChatResponseUpdate> ToUpdatesAsync(
        IAsyncEnumerable<GeneratedText> pieces,
        string modelId,
        ChatFinishReason? finishReason,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every update of one answer names the same response and message, so ToChatResponse joins them.
        var responseId = Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid().ToString("N");
        var createdAt = DateTimeOffset.UtcNow;
        await foreach (var piece in pieces.WithCancellation(cancellationToken))
        {
            if (piece.Text.Length > 0)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece.Text)
                {
                    ResponseId = responseId,
                    MessageId = messageId,
                    ModelId = modelId,
                    CreatedAt = createdAt,
                };
            }

            if (piece.Usage is not null || piece.Sources is not null)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece.Usage is { } usage ? [new UsageContent(usage)] : [])
                {
                    AdditionalProperties = piece.Sources is { } sources ? new() { [Grounding.SourcesKey] = sources } : null,
                    ResponseId = responseId,
                    MessageId = messageId,
                    ModelId = modelId,
                    CreatedAt = createdAt,
                    FinishReason = finishReason,
                };
            }
        }
    }
}
