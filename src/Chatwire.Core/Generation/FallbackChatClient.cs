using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Chatwire.Core.Generation;

/// <summary>
/// Tries providers in order. A provider that fails before its first update is replaced by the
/// next; once text has streamed, a failure is the turn's failure (the client already saw words).
/// </summary>
public sealed partial class FallbackChatClient(IReadOnlyList<IChatClient> providers, ILogger<FallbackChatClient> logger) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        for (var i = 0; i < providers.Count; i++)
        {
            var isLast = i == providers.Count - 1;
            await using var updates = providers[i].GetStreamingResponseAsync(history, options, cancellationToken).GetAsyncEnumerator(cancellationToken);

            ChatResponseUpdate first;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }

                first = updates.Current;
            }
            catch (Exception exception) when (!isLast && !cancellationToken.IsCancellationRequested)
            {
                // The caller sees the next provider's answer; the operator must still learn this one is failing.
                LogProviderFailed(exception, i, i + 1);
                continue;
            }

            yield return first;
            while (await updates.MoveNextAsync())
            {
                yield return updates.Current;
            }

            yield break;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Provider {Failed} of the fallback chain failed before its first token; trying provider {Next}")]
    private partial void LogProviderFailed(Exception exception, int failed, int next);
}
