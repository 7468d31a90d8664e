using System.Collections.Immutable;

namespace Chatwire.SocketIo;

/// <summary>
/// A selection of a namespace's sockets to emit to: <c>To</c> adds rooms (union), <c>Except</c> removes
/// rooms. No rooms means every socket of the namespace. Immutable; each call returns a new selection.
/// </summary>
public readonly struct SocketIoBroadcast
{
    private readonly SocketIoNamespace _namespace;
    private readonly ImmutableArray<string> _rooms;
    private readonly ImmutableArray<string> _except;

    internal SocketIoBroadcast(SocketIoNamespace nsp, ImmutableArray<string> rooms, ImmutableArray<string> except)
    {
        _namespace = nsp;
        _rooms = rooms.IsDefault ? [] : rooms;
        _except = except.IsDefault ? [] : except;
    }

    public SocketIoBroadcast To(string room) => new(_namespace, _rooms.Add(room), _except);

    public SocketIoBroadcast Except(string room) => new(_namespace, _rooms, _except.Add(room));

    /// <summary>Encodes once and queues to every selected socket; never waits for the network.</summary>
    public ValueTask EmitAsync(string eventName, params ReadOnlySpan<object?> args)
    {
        var message = _namespace.Server.Encoder.Event(_namespace.Name, eventName, args);
        foreach (var socket in GetSockets())
        {
            socket.Send(message);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The selected sockets at this moment.</summary>
    public IEnumerable<SocketIoSocket> GetSockets()
    {
        IEnumerable<SocketIoSocket> selected = _rooms.Length switch
        {
            0 => _namespace.Sockets,
            1 => _namespace.Members(_rooms[0]),
            _ => _rooms.SelectMany(_namespace.Members).Distinct(),
        };
        if (_except.Length == 0)
        {
            return selected;
        }

        var excluded = _except.SelectMany(_namespace.Members).ToHashSet();
        return selected.Where(socket => !excluded.Contains(socket));
    }
}
