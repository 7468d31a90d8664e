using System.Collections.Concurrent;

namespace Chatwire.SocketIo;

/// <summary>
/// Room membership of one namespace. Broadcasts read without locking; join and leave take a short lock
/// so a room is removed exactly when its last member leaves. A socket's own-id room is not stored here:
/// the namespace resolves it from its socket table, which saves a dictionary per connection.
/// </summary>
/// <remarks>
/// A room of one member keeps the socket itself, and gets a set only while it has more: the common
/// room is a user's own (one per connected user, most users on one device), and a set per room was
/// about 0.2 KB of every connection (docs/benchmarks.md).
/// </remarks>
internal sealed class RoomRegistry
{
    // A room's value: its socket while it has one member, else a set of its members.
    private readonly ConcurrentDictionary<string, object> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Join(string room, SocketIoSocket socket)
    {
        lock (_gate)
        {
            switch (_rooms.GetValueOrDefault(room))
            {
                case null:
                    _rooms[room] = socket;
                    break;
                case SocketIoSocket only when only != socket:
                    _rooms[room] = NewSet(only, socket);
                    break;
                case ConcurrentDictionary<SocketIoSocket, byte> members:
                    members.TryAdd(socket, 0);
                    break;
            }
        }
    }

    public void Leave(string room, SocketIoSocket socket)
    {
        lock (_gate)
        {
            switch (_rooms.GetValueOrDefault(room))
            {
                case SocketIoSocket only when only == socket:
                    _rooms.TryRemove(room, out _);
                    break;
                case ConcurrentDictionary<SocketIoSocket, byte> members when members.TryRemove(socket, out _) && members.Count == 1:
                    _rooms[room] = members.Keys.Single();
                    break;
            }
        }
    }

    /// <summary>The members of a room at this moment (a copy), or null when it has none.</summary>
    public ICollection<SocketIoSocket>? Members(string room) => _rooms.GetValueOrDefault(room) switch
    {
        SocketIoSocket only => [only],
        ConcurrentDictionary<SocketIoSocket, byte> members => members.Keys,
        _ => null,
    };

    // Sized for the common room of two or three members (a user's own sockets): the default table
    // is 31 buckets.
    private static ConcurrentDictionary<SocketIoSocket, byte> NewSet(SocketIoSocket first, SocketIoSocket second)
    {
        var members = new ConcurrentDictionary<SocketIoSocket, byte>(concurrencyLevel: 1, capacity: 2);
        members.TryAdd(first, 0);
        members.TryAdd(second, 0);
        return members;
    }
}
