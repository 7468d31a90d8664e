namespace Chatwire.SocketIo;

/// <summary>
/// The namespaces one client has joined or is joining, by name: a null socket marks a CONNECT still
/// in middleware. Clients join one or a few namespaces, and the table lives as long as the
/// connection: an array of exactly that many pairs, copied on the rare join or leave, costs a
/// fraction of a dictionary (about 0.2 KB of every idle session; docs/benchmarks.md).
/// Not thread-safe: the connection locks the table itself.
/// </summary>
internal sealed class NamespaceSockets
{
    private KeyValuePair<string, SocketIoSocket?>[] _entries = [];

    /// <summary>True when at least one namespace is joined, not just being joined.</summary>
    public bool AnyConnected => _entries.Any(static entry => entry.Value is not null);

    /// <summary>Whether <paramref name="name"/> is joined or being joined; <paramref name="socket"/> is null while it is being joined.</summary>
    public bool TryGet(string name, out SocketIoSocket? socket)
    {
        var index = IndexOf(name);
        socket = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    public void Set(string name, SocketIoSocket? socket)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            index = _entries.Length;
            Array.Resize(ref _entries, index + 1);
        }

        _entries[index] = new(name, socket);
    }

    public void Remove(string name)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _entries = [.. _entries[..index], .. _entries[(index + 1)..]];
        }
    }

    /// <summary>Empties the table and returns the sockets that had joined.</summary>
    public SocketIoSocket[] TakeConnected()
    {
        SocketIoSocket[] connected = [.. _entries.Select(static entry => entry.Value).OfType<SocketIoSocket>()];
        _entries = [];
        return connected;
    }

    // A loop rather than Array.FindIndex: every packet the client sends is looked up here, and a lambda capturing the name would allocate each time.
    private int IndexOf(string name)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
