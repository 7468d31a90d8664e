using Chatwire.Core.Conversations;
using Chatwire.Core.Notifications;
using Chatwire.Core.Usage;

namespace Chatwire.Core.Turns;

/// <summary>
/// Stops a running answer wherever it runs: here through <see cref="TurnRegistry"/>, on another
/// node through a <see cref="StopRequestNotification"/> on the bus that the owning node acts on.
/// Every wire's stop (REST, SSE, WebSocket, Socket.IO) goes through <see cref="StopAsync"/>.
/// </summary>
public sealed class TurnStopper(TurnRegistry registry, IChatStore store, IChatBus bus)
{
    public async Task<StopOutcome> StopAsync(string streamOrMessageId, ChatIdentity requester, CancellationToken cancellationToken)
    {
        if (registry.TryStop(streamOrMessageId, requester))
        {
            return StopOutcome.Stopped;
        }

        // Not running here. Stream ids live only in the node's memory; message ids are in the store,
        // and a message still marked streaming is running on some node (or died with one).
        var message = await store.FindMessageAsync(streamOrMessageId, cancellationToken);
        var conversation = message is null ? null : await store.FindConversationAsync(message.ConversationId, cancellationToken);
        if (message is not { Role: MessageRole.Assistant } || conversation is null || conversation.OwnerKey != requester.Key)
        {
            return StopOutcome.NotFound;
        }

        if (message.Status != MessageStatus.Streaming)
        {
            return StopOutcome.NotRunning;
        }

        await bus.PublishAsync(new StopRequestNotification(requester.Key, message.Id), cancellationToken);
        return StopOutcome.Requested;
    }

    /// <summary>Acts on stop requests published by other nodes; dispose to stop listening.</summary>
    public IDisposable ListenForRemoteStops() =>
        bus.SubscribeAll(notification =>
        {
            if (notification is StopRequestNotification stop)
            {
                registry.TryStop(stop.StreamOrMessageId, stop.OwnerKey);
            }
        });
}

public enum StopOutcome
{
    /// <summary>It ran on this node and is stopping.</summary>
    Stopped,

    /// <summary>It is marked as generating and runs elsewhere; the owning node was asked to stop it.</summary>
    Requested,

    /// <summary>The caller's message exists but is no longer generating.</summary>
    NotRunning,

    /// <summary>No such message of the caller's (someone else's looks the same).</summary>
    NotFound,
}
