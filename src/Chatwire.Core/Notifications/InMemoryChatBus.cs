namespace Chatwire.Core.Notifications;

/// <summary>The single-node bus: publishing is delivering to this process's subscribers.</summary>
public sealed class InMemoryChatBus(NotificationDispatcher dispatcher) : IChatBus
{
    public ValueTask PublishAsync(ChatNotification notification, CancellationToken cancellationToken)
    {
        dispatcher.Dispatch(notification);
        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe(string ownerKey, Action<ChatNotification> handler) => dispatcher.Subscribe(ownerKey, handler);

    public IDisposable SubscribeAll(Action<ChatNotification> handler) => dispatcher.SubscribeAll(handler);
}
