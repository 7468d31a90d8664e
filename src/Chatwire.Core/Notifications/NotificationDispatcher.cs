using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Chatwire.Core.Notifications;

/// <summary>Fans notifications out to this node's subscribers; both bus implementations deliver through it.</summary>
public sealed partial class NotificationDispatcher(ILogger<NotificationDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Action<ChatNotification>>> _byOwner = new(StringComparer.Ordinal);
    private ImmutableArray<Action<ChatNotification>> _all = [];

    public IDisposable Subscribe(string ownerKey, Action<ChatNotification> handler)
    {
        _byOwner.AddOrUpdate(ownerKey, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() =>
        {
            while (_byOwner.TryGetValue(ownerKey, out var list))
            {
                var remaining = list.Remove(handler);
                var replaced = remaining.IsEmpty
                    ? _byOwner.TryRemove(new KeyValuePair<string, ImmutableArray<Action<ChatNotification>>>(ownerKey, list))
                    : _byOwner.TryUpdate(ownerKey, remaining, list);
                if (replaced)
                {
                    return;
                }
            }
        });
    }

    public IDisposable SubscribeAll(Action<ChatNotification> handler)
    {
        ImmutableInterlocked.Update(ref _all, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _all, list => list.Remove(handler)));
    }

    public void Dispatch(ChatNotification notification)
    {
        foreach (var handler in _all)
        {
            Invoke(handler, notification);
        }

        if (notification is BusResynchronized)
        {
            foreach (var list in _byOwner.Values)
            {
                foreach (var handler in list)
                {
                    Invoke(handler, notification);
                }
            }
        }
        else if (_byOwner.TryGetValue(notification.OwnerKey, out var owners))
        {
            foreach (var handler in owners)
            {
                Invoke(handler, notification);
            }
        }
    }

    private void Invoke(Action<ChatNotification> handler, ChatNotification notification)
    {
        try
        {
            handler(notification);
        }
        catch (Exception exception)
        {
            // One broken subscriber must not starve the others.
            LogHandlerFailed(exception, notification.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "A subscriber failed to handle {Notification}")]
    private partial void LogHandlerFailed(Exception exception, string notification);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
