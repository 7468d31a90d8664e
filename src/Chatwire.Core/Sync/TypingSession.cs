using Chatwire.Core.Notifications;

namespace Chatwire.Core.Sync;

/// <summary>
/// One device's typing indicators. The server owns the idle rule: "typing" is published on the
/// first signal, each refresh re-arms a timer, and silence for <see cref="SyncOptions.TypingTimeout"/>
/// (or the device disconnecting) publishes "stopped". Clients are never trusted to send the stop.
/// </summary>
public sealed class TypingSession(IChatBus bus, string ownerKey, string deviceId, SyncOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly Dictionary<string, ITimer> _typing = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>False when the device is already typing in as many chats as allowed.</summary>
    public async ValueTask<bool> SetAsync(string chatId, bool isTyping, CancellationToken cancellationToken)
    {
        bool changed;
        lock (_lock)
        {
            if (isTyping)
            {
                if (_typing.TryGetValue(chatId, out var timer))
                {
                    timer.Change(options.TypingTimeout, Timeout.InfiniteTimeSpan);
                    changed = false;
                }
                else if (_typing.Count >= options.MaxTypingChats)
                {
                    return false;
                }
                else
                {
                    _typing[chatId] = time.CreateTimer(Expire, chatId, options.TypingTimeout, Timeout.InfiniteTimeSpan);
                    changed = true;
                }
            }
            else
            {
                changed = _typing.Remove(chatId, out var timer);
                timer?.Dispose();
            }
        }

        if (changed)
        {
            await bus.PublishAsync(new TypingNotification(ownerKey, deviceId, chatId, isTyping), cancellationToken);
        }

        return true;
    }

    private void Expire(object? state)
    {
        var chatId = (string)state!;
        lock (_lock)
        {
            if (!_typing.Remove(chatId, out var timer))
            {
                return;
            }

            timer.Dispose();
        }

        _ = PublishStoppedAsync(chatId);
    }

    private async Task PublishStoppedAsync(string chatId)
    {
        try
        {
            await bus.PublishAsync(new TypingNotification(ownerKey, deviceId, chatId, IsTyping: false), CancellationToken.None);
        }
        catch (Exception)
        {
            // Best effort, like every typing indicator: receivers forget dots on reconnect anyway.
        }
    }

    /// <summary>The device left: whatever it was typing stops now.</summary>
    public async ValueTask DisposeAsync()
    {
        string[] chats;
        lock (_lock)
        {
            chats = [.. _typing.Keys];
            foreach (var timer in _typing.Values)
            {
                timer.Dispose();
            }

            _typing.Clear();
        }

        foreach (var chatId in chats)
        {
            await PublishStoppedAsync(chatId);
        }
    }
}
