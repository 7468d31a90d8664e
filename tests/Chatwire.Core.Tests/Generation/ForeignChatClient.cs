using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Tests.Generation;

/// <summary>
/// A third party's <see cref="IChatClient"/>, not a text stream: it streams the updates it was given,
/// and fails where it is told to.
/// </summary>
internal sealed class ForeignChatClient(params ChatResponseUpdate[] updates) : IChatClient
{
    /// <summary>Throw this after streaming that many updates (0: before the first).</summary>
    public (int After, Exception Error)? Failure { get; init; }

    /// <summary>Wait for the caller's cancellation instead of answering.</summary>
    public bool Hangs { get; init; }

    public int Calls { get; private set; }

    public bool Disposed { get; private set; }

    public static ForeignChatClient FailingBeforeItsFirstUpdate() =>
        new() { Failure = (0, new HttpRequestException("the third party is down")) };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls++;
        await Task.Yield();
        if (Hangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        for (var i = 0; i <= updates.Length; i++)
        {
            if (Failure is { } failure && failure.After == i)
            {
                throw failure.Error;
            }

            if (i < updates.Length)
            {
                yield return updates[i];
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => Disposed = true;
}
