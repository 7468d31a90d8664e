namespace Chatwire.SocketIo;

/// <summary>
/// The rooms one socket joined, besides its own id. Most sockets join one or a few rooms for their
/// whole life, so up to <see cref="MostInArray"/> are kept in an array of exactly that many (one room:
/// 32 bytes, where a set of one was about 170; docs/benchmarks.md); a socket in more rooms gets a set,
/// so joining stays cheap however many there are. A mutable struct, kept in a field of the socket and
/// changed only under its lock.
/// </summary>
internal struct JoinedRooms
{
    private const int MostInArray = 8;

    // Null (no room), a string[] of up to MostInArray rooms, or a HashSet<string>.
    private object? _rooms;

    /// <summary>False when the socket was already in <paramref name="room"/>.</summary>
    public bool Add(string room)
    {
        switch (_rooms)
        {
            case HashSet<string> set:
                return set.Add(room);
            case string[] rooms when Array.IndexOf(rooms, room) >= 0:
                return false;
            case string[] rooms when rooms.Length == MostInArray:
                _rooms = new HashSet<string>([.. rooms, room], StringComparer.Ordinal);
                return true;
            case string[] rooms:
                _rooms = (string[])[.. rooms, room];
                return true;
            default:
                _rooms = new[] { room };
                return true;
        }
    }

    /// <summary>False when the socket was not in <paramref name="room"/>.</summary>
    public bool Remove(string room)
    {
        switch (_rooms)
        {
            case HashSet<string> set:
                return set.Remove(room);
            case string[] rooms when Array.IndexOf(rooms, room) is var index and >= 0:
                _rooms = rooms.Length == 1 ? null : (string[])[.. rooms[..index], .. rooms[(index + 1)..]];
                return true;
            default:
                return false;
        }
    }

    /// <summary>The rooms themselves, not a copy: read them under the same lock as the changes.</summary>
    public readonly IEnumerable<string> All => _rooms as IEnumerable<string> ?? [];

    public void Clear() => _rooms = null;
}
