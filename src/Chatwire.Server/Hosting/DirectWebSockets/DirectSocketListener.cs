using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// A TCP listener that looks at each connection's first request before Kestrel does. A WebSocket
/// handshake a direct endpoint accepts runs on the bare socket (<see cref="SocketUpgradeConnection"/>):
/// no pipes, no receive and send loops, no Kestrel connection, about 3 KB less per idle connection
/// than under Kestrel's socket transport (docs/benchmarks.md). Every other connection goes, untouched,
/// to Kestrel's own socket transport (<see cref="SocketConnectionContextFactory"/>), and is served as
/// if this listener were not there.
/// </summary>
/// <remarks>
/// Looking is peeking (<c>MSG_PEEK</c>): nothing is taken from a socket before an endpoint accepts.
/// A head that has not all arrived at the first look is handed over as well: the connection
/// middleware (<see cref="DirectWebSocketListener"/>) then waits for the rest on Kestrel's pipes.
/// Kestrel's connection limits and metrics do not count the sockets served here; its graceful
/// shutdown does not reach them either, so disposing waits for them (the endpoints close them when
/// the application stops) up to the host's shutdown timeout, then closes what is left.
/// </remarks>
internal sealed partial class DirectSocketListener : IConnectionListener
{
    private static long s_lastConnectionNumber;

    private readonly DirectWebSocketDispatcher _dispatcher;
    private readonly SocketTransportOptions _options;
    private readonly SocketConnectionContextFactory _kestrel;
    private readonly TimeSpan _firstBytesTimeout;
    private readonly TimeSpan _shutdownTimeout;
    private readonly ILogger _logger;
    private readonly Channel<ConnectionContext> _forKestrel = Channel.CreateUnbounded<ConnectionContext>(new UnboundedChannelOptions { SingleReader = true });
    // What an endpoint sees as RequestAborted: like Kestrel's connection-closed token, cancelled
    // when the server gives up on its connections at the end of the shutdown timeout.
    private readonly CancellationTokenSource _aborting = new();
    private readonly HashSet<SocketUpgradeConnection> _sessions = [];
    private TaskCompletionSource? _drained;
    private Socket? _listenSocket;
    private Task _accepting = Task.CompletedTask;

    public DirectSocketListener(
        EndPoint endpoint, DirectWebSocketDispatcher dispatcher, SocketTransportOptions options, KestrelServerLimits limits, TimeSpan shutdownTimeout, ILoggerFactory loggers)
    {
        EndPoint = endpoint;
        _dispatcher = dispatcher;
        _options = options;
        _kestrel = new SocketConnectionContextFactory(KestrelConnectionOptions(options), loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets"));

        // Kestrel keeps a connection that has not begun a request this long, then closes it quietly.
        _firstBytesTimeout = limits.KeepAliveTimeout;
        _shutdownTimeout = shutdownTimeout;
        _logger = loggers.CreateLogger<DirectSocketListener>();
    }

    public EndPoint EndPoint { get; private set; }

    /// <summary>Binds and listens as Kestrel's socket transport does, then starts accepting.</summary>
    public void Bind()
    {
        Socket socket;
        try
        {
            socket = _options.CreateBoundListenSocket(EndPoint);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // The exception Kestrel's address binding expects (it tries the next address on it).
            throw new AddressInUseException(exception.Message, exception);
        }

        EndPoint = socket.LocalEndPoint!;
        socket.Listen(_options.Backlog);
        _listenSocket = socket;
        _accepting = AcceptLoopAsync(socket);
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (await _forKestrel.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_forKestrel.Reader.TryRead(out var connection))
            {
                return connection;
            }
        }

        return null;
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _listenSocket?.Dispose();
        await _accepting;
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync();
        Task drained;
        lock (_sessions)
        {
            drained = _sessions.Count == 0 ? Task.CompletedTask : (_drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        try
        {
            await drained.WaitAsync(_shutdownTimeout);
        }
        catch (TimeoutException)
        {
            SocketUpgradeConnection[] left;
            lock (_sessions)
            {
                left = [.. _sessions];
            }

            LogSessionsAborted(left.Length);
            await _aborting.CancelAsync();
            foreach (var session in left)
            {
                session.Abort();
            }
        }

        // Handed over after Kestrel stopped accepting: nobody will serve them.
        while (_forKestrel.Reader.TryRead(out var unserved))
        {
            unserved.Abort();
            await unserved.DisposeAsync();
        }

        _kestrel.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listenSocket)
    {
        try
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await listenSocket.AcceptAsync();
                }
                catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // Reset by the client before it was accepted; as Kestrel does, take the next.
                    continue;
                }

                _ = SortAsync(socket);
            }
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted })
        {
            // Unbound.
        }
        catch (Exception exception)
        {
            LogAcceptFailed(exception, EndPoint);
        }
        finally
        {
            _forKestrel.Writer.TryComplete();
        }
    }

    /// <summary>Serves the connection directly if its first request is a handshake an endpoint accepts; hands it to Kestrel otherwise.</summary>
    private async Task SortAsync(Socket socket)
    {
        try
        {
            socket.NoDelay = _options.NoDelay;
            var routes = _dispatcher.Routes;
            if (!routes.IsEmpty)
            {
                var (head, gone) = await PeekHeadAsync(socket, routes);
                if (gone)
                {
                    socket.Dispose();
                    return;
                }

                var connection = head is null ? null : new SocketUpgradeConnection(socket, Interlocked.Increment(ref s_lastConnectionNumber), _aborting.Token);
                if (connection is not null && await _dispatcher.TryServeAsync(connection, head!) is { } serving)
                {
                    _ = RunSessionAsync(connection, serving);
                    return;
                }
            }

            HandToKestrel(socket);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone, or silent for Kestrel's keep-alive timeout, before sending a request: closed quietly, as Kestrel would.
            socket.Dispose();
        }
        catch (Exception exception)
        {
            LogSortingFailed(exception);
            socket.Dispose();
        }
    }

    /// <summary>
    /// The first request's head, peeked at: null when it is not a head to serve directly, or has not
    /// all arrived yet; gone when the client closed without sending one.
    /// </summary>
    private async Task<(UpgradeRequestHead? Head, bool Gone)> PeekHeadAsync(Socket socket, DirectWebSocketRoutes routes)
    {
        if (socket.Available == 0)
        {
            // A zero-byte receive waits for data without a buffer: a connection that never sends holds none.
            using var silence = new CancellationTokenSource(_firstBytesTimeout);
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, silence.Token);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(UpgradeRequestHead.MaxLength);
        try
        {
            var peeked = await socket.ReceiveAsync(buffer.AsMemory(0, UpgradeRequestHead.MaxLength), SocketFlags.Peek);
            if (peeked == 0)
            {
                return (null, true);
            }

            var received = new ReadOnlySequence<byte>(buffer, 0, peeked);
            UpgradeRequestHead? head = null;
            var parsed = UpgradeRequestHead.MayStart(received) && UpgradeRequestHead.TryParse(received, routes.MayMatch, out head) == HeadStatus.Parsed;
            return (parsed ? head : null, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void HandToKestrel(Socket socket)
    {
        var connection = _kestrel.Create(socket);
        if (!_forKestrel.Writer.TryWrite(connection))
        {
            // Unbound meanwhile.
            connection.Abort();
        }
    }

    /// <summary>Keeps an accepted session's connection until the endpoint is done with it, then closes it.</summary>
    private async Task RunSessionAsync(SocketUpgradeConnection session, Task serving)
    {
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        try
        {
            await serving;
        }
        catch (Exception exception)
        {
            LogSessionFailed(exception);
        }
        finally
        {
            // The WebSocket has usually closed its stream already; this closes a connection it left open.
            session.Dispose();
            lock (_sessions)
            {
                _sessions.Remove(session);
                if (_sessions.Count == 0)
                {
                    _drained?.TrySetResult();
                }
            }
        }
    }

    /// <summary>
    /// The options Kestrel's own socket transport builds from <paramref name="options"/>, its memory
    /// pool among them. That setting is internal, and the public constructor's default pool
    /// (<c>MemoryPool.Shared</c>) breaks Kestrel's chunked responses (an empty span from
    /// <c>GetSpan</c>), so the internal constructor is called: the SSE tests fail if it ever changes.
    /// </summary>
    private static SocketConnectionFactoryOptions KestrelConnectionOptions(SocketTransportOptions options)
    {
        var constructor = typeof(SocketConnectionFactoryOptions).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(SocketTransportOptions)])
            ?? throw new InvalidOperationException("This version of Kestrel cannot build its socket options from SocketTransportOptions; set Hosting:DirectWebSockets=false.");
        return (SocketConnectionFactoryOptions)constructor.Invoke([options]);
    }

    [LoggerMessage(EventId = 911, Level = LogLevel.Error, Message = "Accepting connections on {EndPoint} failed; no more are accepted there")]
    private partial void LogAcceptFailed(Exception exception, EndPoint endPoint);

    [LoggerMessage(EventId = 914, Level = LogLevel.Error, Message = "Looking at a new connection's first request failed; the connection was closed")]
    private partial void LogSortingFailed(Exception exception);

    [LoggerMessage(EventId = 912, Level = LogLevel.Error, Message = "A direct WebSocket session failed")]
    private partial void LogSessionFailed(Exception exception);

    [LoggerMessage(EventId = 913, Level = LogLevel.Warning, Message = "{Count} direct WebSocket sessions were still open at the end of the shutdown timeout and were closed")]
    private partial void LogSessionsAborted(int count);
}
