using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo;

/// <summary>
/// A Socket.IO namespace (socket.io-protocol v5, "multiplexing"): its connect middleware, connection
/// handlers, connected sockets and rooms. Obtain one with <see cref="SocketIoServer.Of"/>.
/// </summary>
public sealed partial class SocketIoNamespace
{
    private readonly ConcurrentDictionary<string, SocketIoSocket> _sockets = new(StringComparer.Ordinal);
    private readonly RoomRegistry _rooms = new();
    private readonly ILogger _logger;
    private ImmutableArray<Func<SocketIoConnectContext, CancellationToken, Task>> _middleware = [];
    private ImmutableArray<Func<SocketIoSocket, Task>> _connectionHandlers = [];

    internal SocketIoNamespace(SocketIoServer server, string name, ILogger logger)
    {
        Server = server;
        Name = name;
        _logger = logger;
    }

    public string Name { get; }

    public SocketIoServer Server { get; }

    /// <summary>Connected sockets at this moment.</summary>
    public ICollection<SocketIoSocket> Sockets => _sockets.Values;

    internal ImmutableArray<Func<SocketIoConnectContext, CancellationToken, Task>> Middleware => _middleware;

    /// <summary>
    /// Adds connect middleware, run in order for every CONNECT to this namespace. It may attach data to
    /// <see cref="SocketIoConnectContext.Socket"/> or call <see cref="SocketIoConnectContext.Reject"/>. A thrown
    /// exception rejects with a generic message (the exception is logged, not sent). The token ends with the connection.
    /// </summary>
    public SocketIoNamespace Use(Func<SocketIoConnectContext, CancellationToken, Task> middleware)
    {
        ImmutableInterlocked.Update(ref _middleware, static (list, item) => list.Add(item), middleware);
        return this;
    }

    /// <summary>
    /// Adds a handler run for each accepted socket, after the CONNECT reply is queued. Register the socket's
    /// event handlers before the first await: events that arrive meanwhile are held until this returns its task.
    /// </summary>
    public SocketIoNamespace OnConnection(Func<SocketIoSocket, Task> handler)
    {
        ImmutableInterlocked.Update(ref _connectionHandlers, static (list, item) => list.Add(item), handler);
        return this;
    }

    /// <summary>Selects the sockets in a room (a socket id is a room of that one socket).</summary>
    public SocketIoBroadcast To(string room) => new SocketIoBroadcast(this, [], []).To(room);

    /// <summary>Selects every socket except those in a room.</summary>
    public SocketIoBroadcast Except(string room) => new SocketIoBroadcast(this, [], []).Except(room);

    /// <summary>Emits to every socket of the namespace, encoded once.</summary>
    public ValueTask EmitAsync(string eventName, params ReadOnlySpan<object?> args) =>
        new SocketIoBroadcast(this, [], []).EmitAsync(eventName, args);

    public SocketIoSocket? GetSocket(string id) => _sockets.GetValueOrDefault(id);

    internal IEnumerable<SocketIoSocket> Members(string room)
    {
        if (_rooms.Members(room) is { } members)
        {
            return members;
        }

        return _sockets.TryGetValue(room, out var socket) ? [socket] : [];
    }

    internal void Join(string room, SocketIoSocket socket) => _rooms.Join(room, socket);

    internal void Leave(string room, SocketIoSocket socket) => _rooms.Leave(room, socket);

    internal void Add(SocketIoSocket socket) => _sockets[socket.Id] = socket;

    internal void Remove(SocketIoSocket socket) => _sockets.TryRemove(new KeyValuePair<string, SocketIoSocket>(socket.Id, socket));

    internal void RunConnectionHandlers(SocketIoSocket socket)
    {
        foreach (var handler in _connectionHandlers)
        {
            Invoke(handler, socket, _logger);
        }
    }

    /// <summary>Starts an application callback and logs its failure, synchronous or not, without letting it escape.</summary>
    internal static void Invoke<T>(Func<T, Task> callback, T argument, ILogger logger)
    {
        try
        {
            var task = callback(argument);
            if (!task.IsCompletedSuccessfully)
            {
                _ = ObserveAsync(task, logger);
            }
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(logger, ex);
        }
    }

    private static async Task ObserveAsync(Task task, ILogger logger)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(logger, ex);
        }
    }
}
