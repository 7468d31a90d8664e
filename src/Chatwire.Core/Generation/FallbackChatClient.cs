using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Chatwire.Core.Generation;

/// <summary>
/// Tries providers in order. A provider that fails before its first update is replaced by the
/// next; once text has streamed, a failure is the turn's failure (the client already saw words).
/// </summary>
/// <remarks>
/// Both faces follow the same rule: <see cref="GetStreamingTextAsync"/> streams Chatwire's own
/// providers directly and any other <see cref="IChatClient"/> through <see cref="TextStreamingAdapter"/>;
/// <see cref="GetStreamingResponseAsync"/> passes each provider's updates on as they are.
/// </remarks>
public sealed partial class FallbackChatClient : ITextStreamingChatClient
{
    private readonly ITextStreamingChatClient[] _providers;
    private readonly ILogger<FallbackChatClient> _logger;

    public FallbackChatClient(IReadOnlyList<IChatClient> providers, ILogger<FallbackChatClient> logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(providers.Count);
        _providers = [.. providers.Select(TextStreamingAdapter.Adapt)];
        _logger = logger;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        FirstToStartAsync(static (provider, history, options, cancellationToken) => provider.GetStreamingResponseAsync(history, options, cancellationToken), messages, options, cancellationToken);

    public IAsyncEnumerable<GeneratedText> GetStreamingTextAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        FirstToStartAsync(static (provider, history, options, cancellationToken) => provider.GetStreamingTextAsync(history, options, cancellationToken), messages, options, cancellationToken);

    /// <summary>The stream of the first provider whose stream yields a first item (or ends empty); the last provider's failure is the caller's.</summary>
    private async IAsyncEnumerable<T> FirstToStartAsync<T>(
        Func<ITextStreamingChatClient, IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<T>> stream,
        IEnumerable<ChatMessage> messages,
        ChatOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        for (var i = 0; i < _providers.Length; i++)
        {
            var isLast = i == _providers.Length - 1;
            await using var items = stream(_providers[i], history, options, cancellationToken).GetAsyncEnumerator(cancellationToken);

            T first;
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }

                first = items.Current;
            }
            catch (Exception exception) when (!isLast && !cancellationToken.IsCancellationRequested)
            {
                // The caller sees the next provider's answer; the operator must still learn this one is failing.
                LogProviderFailed(exception, i, i + 1);
                continue;
            }

            yield return first;
            while (await items.MoveNextAsync())
            {
                yield return items.Current;
            }

            yield break;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Provider {Failed} of the fallback chain failed before its first token; trying provider {Next}")]
    private partial void LogProviderFailed(Exception exception, int failed, int next);
}
