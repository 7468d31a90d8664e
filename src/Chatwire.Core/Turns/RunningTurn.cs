using Chatwire.Core.Usage;

namespace Chatwire.Core.Turns;

/// <summary>
/// A turn that is generating. Its cancellation source is linked to the caller's token, so a
/// vanished client, an explicit stop or server shutdown all stop the upstream provider.
/// </summary>
public sealed class RunningTurn : IDisposable
{
    private readonly CancellationTokenSource _cancellation;

    internal RunningTurn(string streamId, string assistantMessageId, string conversationId, ChatIdentity identity, CancellationToken callerToken)
    {
        StreamId = streamId;
        AssistantMessageId = assistantMessageId;
        ConversationId = conversationId;
        Identity = identity;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
    }

    public string StreamId { get; }
    public string AssistantMessageId { get; }
    public string ConversationId { get; }
    public ChatIdentity Identity { get; }
    public CancellationToken Token => _cancellation.Token;

    /// <summary>True once someone asked the turn to stop (as opposed to the caller going away).</summary>
    public bool StopRequested { get; private set; }

    internal void Stop()
    {
        StopRequested = true;
        Cancel();
    }

    /// <summary>Cancels the turn's work (the upstream request among it) without counting as a stop.</summary>
    internal void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The turn finished while the stop was on its way.
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
