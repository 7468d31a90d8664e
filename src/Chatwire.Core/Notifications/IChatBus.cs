namespace Chatwire.Core.Notifications;

/// <summary>
/// The one way notifications cross connections and nodes. In memory on a single node (the
/// default, <see cref="InMemoryChatBus"/>); PostgreSQL LISTEN/NOTIFY when several nodes share a
/// database. Delivery is best effort and at most once: anything that must not be lost is also
/// in the store, and a <see cref="BusResynchronized"/> tells subscribers when to re-read it.
/// </summary>
public interface IChatBus
{
    /// <summary>Delivers to this node's subscribers at once and to other nodes' subscribers when the bus spans nodes.</summary>
    ValueTask PublishAsync(ChatNotification notification, CancellationToken cancellationToken);

    /// <summary>
    /// Receives the notifications of one owner (<see cref="ChatNotification.OwnerKey"/>), plus
    /// <see cref="BusResynchronized"/>. Handlers must be quick (queue work, do not do it).
    /// </summary>
    IDisposable Subscribe(string ownerKey, Action<ChatNotification> handler);

    /// <summary>Receives every notification, whoever it is for (node-wide duties such as stop requests).</summary>
    IDisposable SubscribeAll(Action<ChatNotification> handler);
}
