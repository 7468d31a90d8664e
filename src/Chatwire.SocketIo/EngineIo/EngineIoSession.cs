using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// One Engine.IO v4 session: its bounded outbound queue, heartbeat and lifetime, independent of the
/// transport that currently carries it. Exactly one transport drains <see cref="Outbound"/> at a time.
/// </summary>
internal sealed partial class EngineIoSession : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    // Also the lock of the heartbeat's state: the timer is private (Timer's own code locks its queue,
    // never the timer), and a Lock beside it was 40 bytes of every session.
    private readonly Timer _heartbeat;
    private readonly SocketIoOptions _options;
    private readonly ILogger _logger;
    private readonly Action<EngineIoSession> _onClosed;
    private bool _awaitingPong;
    private int _isClosed;

    public EngineIoSession(
        string id,
        EngineIoTransportKind transport,
        SocketIoHandshake handshake,
        SocketIoOptions options,
        ILogger logger,
        Action<EngineIoSession> onClosed)
    {
        Id = id;
        Transport = transport;
        Handshake = handshake;
        _options = options;
        _logger = logger;
        _onClosed = onClosed;
        Polling = transport == EngineIoTransportKind.Polling ? new PollingState() : null;

        // Writers never wait: a full queue is a stuck client.
        Outbound = new OutboundQueue(options.SendBufferCapacity);

        // The server pings every pingInterval and expects the pong within pingTimeout (engine.io-protocol v4, "Heartbeat").
        _heartbeat = new Timer(static state => ((EngineIoSession)state!).OnHeartbeat(), this, options.PingInterval, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; }

    public EngineIoTransportKind Transport { get; private set; }

    /// <summary>Long-polling request bookkeeping; null for sessions opened directly over WebSocket.</summary>
    public PollingState? Polling { get; }

    public SocketIoHandshake Handshake { get; }

    public IEngineIoSessionHandler? Handler { get; set; }

    public OutboundQueue Outbound { get; }

    public CancellationToken Closed => _closed.Token;

    public bool IsClosed => Volatile.Read(ref _isClosed) != 0;

    /// <summary>True when the client sent the close packet; a pending poll then gets "noop" rather than "close".</summary>
    public bool ClosedByClient { get; private set; }

    public long MaxPayload => _options.MaxPayload;

    /// <summary>
    /// Queues a message without waiting. A full queue means the client stopped reading: the session is
    /// closed rather than letting memory grow.
    /// </summary>
    public bool TrySend(OutboundMessage message)
    {
        if (Outbound.TryWrite(message))
        {
            return true;
        }

        if (!IsClosed)
        {
            Log.SendBufferOverflow(_logger, Id, _options.SendBufferCapacity);
            Close(CloseReasons.SendBufferOverflow);
        }

        return false;
    }

    /// <summary>Handles one packet from the client, whichever transport carried it.</summary>
    public void Receive(EngineIoPacket packet)
    {
        switch (packet.Type)
        {
            case EngineIoPacketType.Pong:
                OnPong();
                break;
            case EngineIoPacketType.Ping:
                // Only "2probe" is expected (on the upgrading WebSocket); answer plain pings anyway, as the reference does for v3 clients.
                TrySend(packet.IsProbe ? OutboundMessage.PongProbe : new OutboundMessage("3"u8.ToArray()));
                break;
            case EngineIoPacketType.Message:
                DeliverMessage(packet);
                break;
            case EngineIoPacketType.Close:
                Close(CloseReasons.TransportClose, clientInitiated: true);
                break;
            case EngineIoPacketType.Noop:
            case EngineIoPacketType.Upgrade:
                break;
            default:
                Log.UnexpectedPacket(_logger, Id, packet.Type);
                Close(CloseReasons.ParseError);
                break;
        }
    }

    /// <summary>Switches delivery to the WebSocket after the client's "5" (engine.io-protocol v4, "Upgrade").</summary>
    public void CompleteUpgrade() => Transport = EngineIoTransportKind.WebSocket;

    public void Close(string reason, bool clientInitiated = false)
    {
        if (Interlocked.Exchange(ref _isClosed, 1) != 0)
        {
            return;
        }

        ClosedByClient = clientInitiated;
        Log.SessionClosed(_logger, Id, reason);
        lock (_heartbeat)
        {
            _heartbeat.Dispose();
        }

        // A poll still waiting learns about a server-side close from the "close" packet.
        if (!clientInitiated && Transport == EngineIoTransportKind.Polling)
        {
            Outbound.TryWrite(OutboundMessage.Close);
        }

        Outbound.Complete();
        _onClosed(this);
        try
        {
            _closed.Cancel();
            Handler?.OnClose(reason);
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, Id, ex);
        }
    }

    public void Dispose()
    {
        // The token source stays undisposed: handlers may still read Closed after the session ended.
        Close(CloseReasons.ServerShuttingDown);
    }

    private void DeliverMessage(EngineIoPacket packet)
    {
        try
        {
            Handler?.OnMessage(packet);
        }
        catch (Exception ex)
        {
            // Whatever the layer above throws, only this session pays for it.
            Log.HandlerFailed(_logger, Id, ex);
            Close(CloseReasons.ParseError);
        }
    }

    private void OnHeartbeat()
    {
        bool timedOut;
        lock (_heartbeat)
        {
            if (IsClosed)
            {
                return;
            }

            timedOut = _awaitingPong;
            if (!timedOut)
            {
                _awaitingPong = true;
                _heartbeat.Change(_options.PingTimeout, Timeout.InfiniteTimeSpan);
            }
        }

        if (timedOut)
        {
            Close(CloseReasons.PingTimeout);
        }
        else
        {
            TrySend(OutboundMessage.Ping);
        }
    }

    private void OnPong()
    {
        lock (_heartbeat)
        {
            if (!_awaitingPong || IsClosed)
            {
                return;
            }

            _awaitingPong = false;
            _heartbeat.Change(_options.PingInterval, Timeout.InfiniteTimeSpan);
        }
    }
}
