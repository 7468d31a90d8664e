using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Chatwire.SocketIo.EngineIo.Protocol;
using Chatwire.SocketIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo;

/// <summary>
/// A client connected to one namespace. Register handlers with <see cref="On"/>, emit with
/// <see cref="EmitAsync"/>, group with rooms. Emits are encoded once and queued without waiting; a client
/// whose queue overflows is disconnected (see <see cref="SocketIoOptions.SendBufferCapacity"/>).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The token source has no timer or links, so it holds nothing to release; disposing it would break readers of Disconnected.")]
public sealed partial class SocketIoSocket
{
    private const int Connecting = 0;
    private const int Open = 1;
    private const int Closed = 2;

    // Shared by every socket until its first handler: a table made per socket would also make a comparer pair that it keeps for life.
    private static readonly ImmutableDictionary<string, ImmutableArray<Func<SocketIoEventArgs, Task>>> NoHandlers =
        ImmutableDictionary.Create<string, ImmutableArray<Func<SocketIoEventArgs, Task>>>(StringComparer.Ordinal);

    private readonly SocketIoClientConnection _connection;
    private readonly CancellationTokenSource _disconnected = new();
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private ImmutableDictionary<string, ImmutableArray<Func<SocketIoEventArgs, Task>>> _handlers = NoHandlers;
    private ImmutableArray<Func<SocketIoEventArgs, Task>> _anyHandlers = [];
    private ImmutableArray<Func<string, Task>> _disconnectHandlers = [];
    private ConcurrentDictionary<long, TaskCompletionSource<SocketIoPayload>>? _pendingAcks;
    private SocketItems? _items;
    private JoinedRooms _rooms;
    private List<(SocketIoPacket Packet, IReadOnlyList<byte[]> Attachments)>? _heldPackets;
    private bool _handlersReady;
    private long _lastAckId = -1;
    private int _state;

    internal SocketIoSocket(SocketIoNamespace nsp, SocketIoClientConnection connection, SocketIoHandshake handshake, ILogger logger)
    {
        Namespace = nsp;
        _connection = connection;
        Handshake = handshake;
        _logger = logger;
        Id = EngineIo.EngineIoSessionStore.NewId();
    }

    /// <summary>The Socket.IO id, distinct from the Engine.IO session id since protocol v5.</summary>
    public string Id { get; }

    public SocketIoNamespace Namespace { get; }

    public SocketIoHandshake Handshake { get; }

    /// <summary>Application data, e.g. the authenticated user set by middleware.</summary>
    public object? Data { get; set; }

    /// <summary>Application key/value data, created on first use; safe to use from any thread, keys compare exactly.</summary>
    public IDictionary<string, object?> Items => LazyInitializer.EnsureInitialized(ref _items, static () => new SocketItems());

    public bool Connected => Volatile.Read(ref _state) == Open;

    /// <summary>Cancelled when the socket disconnects, for work (e.g. a stream) that should stop with it.</summary>
    public CancellationToken Disconnected => _disconnected.Token;

    /// <summary>The rooms of this socket, its own id first.</summary>
    public IReadOnlyCollection<string> Rooms
    {
        get
        {
            lock (_gate)
            {
                return [Id, .. _rooms.All];
            }
        }
    }

    /// <summary>Adds a handler for an event name; handlers start in arrival order and are not awaited by the receive loop.</summary>
    public SocketIoSocket On(string eventName, Func<SocketIoEventArgs, Task> handler)
    {
        ImmutableInterlocked.AddOrUpdate(ref _handlers, eventName, [handler], (_, list) => list.Add(handler));
        return this;
    }

    /// <summary>Adds a handler for every event, run after the named handlers.</summary>
    public SocketIoSocket OnAny(Func<SocketIoEventArgs, Task> handler)
    {
        ImmutableInterlocked.Update(ref _anyHandlers, static (list, item) => list.Add(item), handler);
        return this;
    }

    /// <summary>Adds a handler for the disconnection; it gets the reason ("client namespace disconnect", "transport close", "ping timeout", ...).</summary>
    public SocketIoSocket OnDisconnect(Func<string, Task> handler)
    {
        ImmutableInterlocked.Update(ref _disconnectHandlers, static (list, item) => list.Add(item), handler);
        return this;
    }

    /// <summary>Queues an event for this client; byte[] arguments (also nested) travel as binary attachments.</summary>
    public ValueTask EmitAsync(string eventName, params ReadOnlySpan<object?> args)
    {
        Send(Namespace.Server.Encoder.Event(Namespace.Name, eventName, args));
        return ValueTask.CompletedTask;
    }

    /// <summary>Emits and waits for the client's acknowledgement, up to <see cref="SocketIoOptions.AckTimeout"/>.</summary>
    public Task<SocketIoPayload> EmitWithAckAsync(string eventName, params object?[] args) =>
        EmitWithAckAsync(eventName, Namespace.Server.Options.AckTimeout, CancellationToken.None, args);

    /// <summary>
    /// Emits with an ack id and waits for the client's ACK (socket.io-protocol v5, "Acknowledgement").
    /// Throws <see cref="TimeoutException"/> after <paramref name="timeout"/> and <see cref="SocketIoException"/>
    /// if the socket disconnects first.
    /// </summary>
    public Task<SocketIoPayload> EmitWithAckAsync(string eventName, TimeSpan timeout, CancellationToken cancellationToken, params ReadOnlySpan<object?> args)
    {
        var id = Interlocked.Increment(ref _lastAckId);
        var pending = new TaskCompletionSource<SocketIoPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        var acks = LazyInitializer.EnsureInitialized(ref _pendingAcks, () => new ConcurrentDictionary<long, TaskCompletionSource<SocketIoPayload>>());
        acks[id] = pending;
        if (!Send(Namespace.Server.Encoder.Event(Namespace.Name, eventName, args, id)) || !Connected)
        {
            acks.TryRemove(id, out _);
            return Task.FromException<SocketIoPayload>(new SocketIoException("The socket is not connected."));
        }

        return WaitForAckAsync(id, pending, timeout, cancellationToken);
    }

    public void Join(string room)
    {
        lock (_gate)
        {
            if (room != Id && _state != Closed && _rooms.Add(room))
            {
                Namespace.Join(room, this);
            }
        }
    }

    public void Leave(string room)
    {
        lock (_gate)
        {
            if (_rooms.Remove(room))
            {
                Namespace.Leave(room, this);
            }
        }
    }

    /// <summary>The sockets of a room except this one (like the reference socket.to(room)).</summary>
    public SocketIoBroadcast To(string room) => Namespace.To(room).Except(Id);

    /// <summary>
    /// Leaves the namespace. With <paramref name="closeConnection"/> the whole Engine.IO connection is
    /// closed instead, and the client reconnects on its own ("transport close"); without it the client
    /// gets a DISCONNECT ("io server disconnect") and stays away.
    /// </summary>
    public ValueTask DisconnectAsync(bool closeConnection = false)
    {
        if (closeConnection)
        {
            _connection.Close(EngineIo.CloseReasons.ForcedClose);
        }
        else if (Connected)
        {
            Send(SocketIoMessageEncoder.Disconnect(Namespace.Name));
            _connection.Remove(this);
            OnClosed("server namespace disconnect");
        }

        return ValueTask.CompletedTask;
    }

    internal bool Send(OutboundMessage message) => Connected && _connection.Send(message);

    internal void SendAck(long ackId, ReadOnlySpan<object?> values) => Send(Namespace.Server.Encoder.Ack(Namespace.Name, ackId, values));

    internal void MarkOpen() => Volatile.Write(ref _state, Open);

    /// <summary>
    /// Releases the packets held while the connection handlers ran, then lets later ones through directly.
    /// Packets keep their arrival order because new ones queue behind the held ones until the list is empty.
    /// </summary>
    internal void ReleaseHeldPackets()
    {
        while (true)
        {
            List<(SocketIoPacket Packet, IReadOnlyList<byte[]> Attachments)>? held;
            lock (_gate)
            {
                held = _heldPackets;
                _heldPackets = null;
                if (held is null)
                {
                    _handlersReady = true;
                    return;
                }
            }

            foreach (var (packet, attachments) in held)
            {
                Dispatch(packet, attachments);
            }
        }
    }

    /// <summary>A packet for this namespace from the client, in arrival order.</summary>
    internal void Deliver(SocketIoPacket packet, IReadOnlyList<byte[]> attachments)
    {
        lock (_gate)
        {
            if (!_handlersReady)
            {
                (_heldPackets ??= []).Add((packet, attachments));
                return;
            }
        }

        Dispatch(packet, attachments);
    }

    internal void OnClosed(string reason)
    {
        if (Interlocked.Exchange(ref _state, Closed) == Closed)
        {
            return;
        }

        LeaveAllRooms();
        Namespace.Remove(this);
        Log.Disconnected(_logger, Id, Namespace.Name, reason);
        try
        {
            _disconnected.Cancel();
        }
        catch (AggregateException ex)
        {
            Log.CancellationCallbackFailed(_logger, Id, ex);
        }

        if (_pendingAcks is { } acks)
        {
            foreach (var pending in acks.Values)
            {
                pending.TrySetException(new SocketIoException($"The socket disconnected ({reason}) before the client acknowledged."));
            }
        }

        foreach (var handler in _disconnectHandlers)
        {
            SocketIoNamespace.Invoke(handler, reason, _logger);
        }
    }

    /// <summary>Drops a socket that middleware refused: it never connected, but may have joined rooms.</summary>
    internal void Discard()
    {
        Volatile.Write(ref _state, Closed);
        LeaveAllRooms();
    }

    private void LeaveAllRooms()
    {
        lock (_gate)
        {
            foreach (var room in _rooms.All)
            {
                Namespace.Leave(room, this);
            }

            _rooms.Clear();
        }
    }

    private void Dispatch(SocketIoPacket packet, IReadOnlyList<byte[]> attachments)
    {
        if (!Connected)
        {
            return;
        }

        switch (packet.Type)
        {
            case SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent:
                DispatchEvent(packet, attachments);
                break;
            case SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck:
                CompleteAck(packet, attachments);
                break;
            case SocketIoPacketType.Disconnect:
                _connection.Remove(this);
                OnClosed("client namespace disconnect");
                break;
        }
    }

    private void DispatchEvent(SocketIoPacket packet, IReadOnlyList<byte[]> attachments)
    {
        var data = packet.Data!.Value;
        var name = data[0];
        var eventName = name.ValueKind == JsonValueKind.String ? name.GetString()! : name.GetRawText();
        var arguments = data.EnumerateArray().Skip(1).ToArray();
        var args = new SocketIoEventArgs(this, eventName, arguments, attachments, packet.AckId, Namespace.Server.Encoder.Options);
        var handlers = _handlers.GetValueOrDefault(eventName, []);
        if (handlers.IsEmpty && _anyHandlers.IsEmpty)
        {
            Log.NoHandler(_logger, Id, eventName);
        }

        foreach (var handler in handlers)
        {
            SocketIoNamespace.Invoke(handler, args, _logger);
        }

        foreach (var handler in _anyHandlers)
        {
            SocketIoNamespace.Invoke(handler, args, _logger);
        }
    }

    private void CompleteAck(SocketIoPacket packet, IReadOnlyList<byte[]> attachments)
    {
        if (_pendingAcks is { } acks && acks.TryRemove(packet.AckId!.Value, out var pending))
        {
            var values = packet.Data!.Value.EnumerateArray().ToArray();
            pending.TrySetResult(new SocketIoPayload(values, attachments, Namespace.Server.Encoder.Options));
        }
    }

    private async Task<SocketIoPayload> WaitForAckAsync(long id, TaskCompletionSource<SocketIoPayload> pending, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            _pendingAcks?.TryRemove(id, out _);
        }
    }
}
