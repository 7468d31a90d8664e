using System.Collections.Concurrent;

namespace Chatwire.SocketIo;

/// <summary>
/// Room membership of one namespace. Broadcasts read without locking; join and leave take a short lock
/// so a room is removed exactly when its last member leaves. A socket's own-id room is not stored here:
/// the namespace resolves it from its socket table, which saves a dictionary per connection.
/// </summary>
internal sealed class RoomRegistry
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<SocketIoSocket, byte>> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Join(string room, SocketIoSocket socket)
    {
        lock (_gate)
        {
            // Sized for the common room of one or two members (a user's own sockets): the default
            // table is 31 buckets, which a room per connected user would pay for every connection.
            _rooms.GetOrAdd(room, static _ => new ConcurrentDictionary<SocketIoSocket, byte>(concurrencyLevel: 1, capacity: 2)).TryAdd(socket, 0);
        }
    }

    public void Leave(string room, SocketIoSocket socket)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(room, out var members) && members.TryRemove(socket, out _) && members.IsEmpty)
            {
                _rooms.TryRemove(room, out _);
            }
        }
    }

    public ICollection<SocketIoSocket>? Members(string room) => _rooms.TryGetValue(room, out var members) ? members.Keys : null;
}
