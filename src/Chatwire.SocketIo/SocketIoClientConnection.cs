using System.Buffers;
using System.Text.Json;
using Chatwire.SocketIo.EngineIo;
using Chatwire.SocketIo.EngineIo.Protocol;
using Chatwire.SocketIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo;

/// <summary>
/// The Socket.IO side of one Engine.IO session: decodes packets, reassembles binary ones, routes them to
/// the socket of their namespace and runs namespace connections (socket.io-protocol v5, "Exchange protocol").
/// Any protocol violation closes the whole Engine.IO connection, as the reference server does.
/// </summary>
internal sealed partial class SocketIoClientConnection : IEngineIoSessionHandler, IDisposable
{
    private readonly SocketIoServer _server;
    private readonly EngineIoSession _session;
    private readonly ILogger _logger;
    private readonly Lock _receiveGate = new();

    // Also the lock of the namespace table and _closed: the table is private, and a lock of its own was 40 bytes of every session.
    private readonly NamespaceSockets _sockets = new();
    private BinaryPacketAssembler? _assembler;
    private Timer? _connectTimeout;
    private bool _closed;

    public SocketIoClientConnection(SocketIoServer server, EngineIoSession session, ILogger logger)
    {
        _server = server;
        _session = session;
        _logger = logger;

        // A client that never joins a namespace is dropped (reference server: connectTimeout).
        _connectTimeout = new Timer(static state => ((SocketIoClientConnection)state!).OnConnectTimeout(), this, server.Options.ConnectTimeout, Timeout.InfiniteTimeSpan);
    }

    public void OnMessage(EngineIoPacket packet)
    {
        // Transports deliver in order; the lock only matters while a POST and an upgrading WebSocket overlap.
        lock (_receiveGate)
        {
            if (packet.IsBinary)
            {
                ReceiveAttachment(packet.Data);
            }
            else
            {
                ReceiveText(packet.Data);
            }
        }
    }

    public void OnClose(string reason)
    {
        SocketIoSocket[] sockets;
        lock (_sockets)
        {
            _closed = true;
            sockets = _sockets.TakeConnected();
        }

        Dispose();
        foreach (var socket in sockets)
        {
            socket.OnClosed(reason);
        }
    }

    /// <summary>Stops the connect timeout; called once a namespace is joined or the session closed.</summary>
    public void Dispose() => Interlocked.Exchange(ref _connectTimeout, null)?.Dispose();

    public bool Send(OutboundMessage message) => _session.TrySend(message);

    public void Close(string reason) => _session.Close(reason);

    public void Remove(SocketIoSocket socket)
    {
        lock (_sockets)
        {
            if (_sockets.TryGet(socket.Namespace.Name, out var current) && current == socket)
            {
                _sockets.Remove(socket.Namespace.Name);
            }
        }
    }

    private void ReceiveText(ReadOnlyMemory<byte> data)
    {
        if (_assembler is { IsAssembling: true })
        {
            ProtocolViolation("text packet while binary attachments were expected");
            return;
        }

        if (!SocketIoPacketDecoder.TryDecode(new ReadOnlySequence<byte>(data), _server.Options.MaxAttachments, out var packet))
        {
            ProtocolViolation("malformed packet");
            return;
        }

        if (packet!.IsBinary)
        {
            (_assembler ??= new BinaryPacketAssembler()).Start(packet);
            return;
        }

        Route(packet, []);
    }

    private void ReceiveAttachment(ReadOnlyMemory<byte> data)
    {
        if (_assembler is not { IsAssembling: true } assembler)
        {
            ProtocolViolation("binary message without a binary packet header");
            return;
        }

        if (assembler.TryAdd(data, out var packet, out var attachments))
        {
            Route(packet!, attachments);
        }
    }

    private void Route(SocketIoPacket packet, IReadOnlyList<byte[]> attachments)
    {
        SocketIoSocket? socket;
        lock (_sockets)
        {
            if (packet.Type == SocketIoPacketType.Connect)
            {
                if (_closed || _sockets.TryGet(packet.Namespace, out _))
                {
                    socket = null;
                }
                else
                {
                    _sockets.Set(packet.Namespace, null);
                    // No payload is the default element: the handshake reads it as an empty object.
                    _ = ConnectAsync(packet.Namespace, packet.Data ?? default);
                    return;
                }
            }
            else
            {
                _sockets.TryGet(packet.Namespace, out socket);
            }
        }

        // A packet for a namespace the client has not joined, a second CONNECT, or a CONNECT_ERROR from a client.
        if (socket is null || packet.Type is SocketIoPacketType.Connect or SocketIoPacketType.ConnectError)
        {
            ProtocolViolation($"{packet.Type} packet in an invalid state for {packet.Namespace}");
            return;
        }

        socket.Deliver(packet, attachments);
    }

    private async Task ConnectAsync(string name, JsonElement auth)
    {
        try
        {
            await ConnectCoreAsync(name, auth);
        }
        catch (Exception ex)
        {
            Log.ConnectFailed(_logger, name, ex);
            ForgetPending(name);
        }
    }

    private async Task ConnectCoreAsync(string name, JsonElement auth)
    {
        if (!_server.TryGetNamespace(name, out var nsp))
        {
            ForgetPending(name);
            Send(_server.Encoder.ConnectError(name, "Invalid namespace", null));
            return;
        }

        // Without a payload the socket shares the session's handshake, whose Auth reads as an empty object.
        var handshake = auth.ValueKind == JsonValueKind.Undefined ? _session.Handshake : _session.Handshake with { Auth = auth };
        var socket = new SocketIoSocket(nsp, this, handshake, _logger);
        var context = new SocketIoConnectContext(socket);
        await RunMiddlewareAsync(nsp, context);
        if (context.IsRejected)
        {
            socket.Discard();
            ForgetPending(name);
            Send(_server.Encoder.ConnectError(name, context.RejectionMessage!, context.RejectionData));
            return;
        }

        lock (_sockets)
        {
            if (_closed)
            {
                socket.Discard();
                return;
            }

            _sockets.Set(name, socket);
        }

        Dispose();
        nsp.Add(socket);
        socket.MarkOpen();

        // The CONNECT reply is queued before anything the connection handlers emit (socket.io-protocol v5, "Connection to a namespace").
        Send(SocketIoMessageEncoder.Connect(name, socket.Id));
        Log.Connected(_logger, socket.Id, name);
        nsp.RunConnectionHandlers(socket);
        socket.ReleaseHeldPackets();
    }

    private async Task RunMiddlewareAsync(SocketIoNamespace nsp, SocketIoConnectContext context)
    {
        foreach (var middleware in nsp.Middleware)
        {
            try
            {
                await middleware(context, _session.Closed);
            }
            catch (Exception ex)
            {
                // The exception text may hold internals; the client only learns that the server failed.
                Log.MiddlewareFailed(_logger, nsp.Name, ex);
                context.Reject("Internal server error");
            }

            if (context.IsRejected)
            {
                return;
            }
        }
    }

    private void ForgetPending(string name)
    {
        lock (_sockets)
        {
            if (_sockets.TryGet(name, out var socket) && socket is null)
            {
                _sockets.Remove(name);
            }
        }
    }

    private void OnConnectTimeout()
    {
        lock (_sockets)
        {
            if (_sockets.AnyConnected)
            {
                return;
            }
        }

        Log.ConnectTimeout(_logger, _session.Id);
        _session.Close(CloseReasons.ConnectTimeout);
    }

    private void ProtocolViolation(string detail)
    {
        Log.ProtocolViolation(_logger, _session.Id, detail);
        _session.Close(CloseReasons.ParseError);
    }
}
