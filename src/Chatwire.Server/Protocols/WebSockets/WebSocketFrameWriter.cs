using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// Sends JSON text frames one at a time: a WebSocket allows a single outstanding send, and the
/// reader loop (pong, errors) and the turn worker (tokens) both write.
/// </summary>
/// <param name="sendTimeout">
/// When set, a client that does not take a frame within this time is dropped as a slow consumer
/// (the socket is aborted by <see cref="SendWatchdog"/>), so a stalled reader cannot hold a turn open.
/// </param>
public sealed class WebSocketFrameWriter : IDisposable
{
    // Frames are built synchronously, so one JSON writer per thread serves every connection:
    // one per connection would be kept by every idle connection.
    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PooledBufferWriter _buffer = new();
    private readonly WebSocket _socket;
    private readonly long _sendTimeoutTicks;

    // Stopwatch timestamp by which the frame in flight must be sent; 0 when none is.
    private long _sendDeadline;

    public WebSocketFrameWriter(WebSocket socket, TimeSpan? sendTimeout = null)
    {
        _socket = socket;
        if (sendTimeout is { } timeout)
        {
            _sendTimeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            SendWatchdog.Shared.Watch(this);
        }
    }

    /// <summary>True once a send timed out and the socket was dropped.</summary>
    public bool DroppedAsSlowConsumer { get; private set; }

    /// <summary>Writes one frame built by <paramref name="write"/>; false when the socket is gone.</summary>
    public async ValueTask<bool> SendAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State != WebSocketState.Open)
            {
                return false;
            }

            Build(state, write);
            if (_sendTimeoutTicks > 0)
            {
                Volatile.Write(ref _sendDeadline, Stopwatch.GetTimestamp() + _sendTimeoutTicks);
            }

            // The send itself gets no token: a cancellable one sends down ManagedWebSocket's slower
            // locked path. Cancelling still ends a send that waits the way a cancelled send would, by
            // aborting the socket; a send already done (most are) is not aborted after the fact.
            var sending = _socket.SendAsync(_buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            using var cancelled = sending.IsCompleted ? default : cancellationToken.UnsafeRegister(static socket => ((WebSocket)socket!).Abort(), _socket);
            await sending;
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Aborted: by the watchdog (DroppedAsSlowConsumer is set) or because the connection went away.
            return false;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            Volatile.Write(ref _sendDeadline, 0);
            // Between frames the connection holds no send buffer.
            _buffer.Release();
            _gate.Release();
        }
    }

    private void Build<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var json = t_json ??= new Utf8JsonWriter(NoBuffer.Instance);
        json.Reset(_buffer);
        try
        {
            write(json, state);
            json.Flush();
        }
        finally
        {
            // Let go of this connection's buffer. Not Reset(Stream.Null): a writer reset to a stream
            // makes itself a new ArrayBufferWriter each time, one per frame (docs/benchmarks.md).
            json.Reset(NoBuffer.Instance);
        }
    }

    /// <summary>Where the shared JSON writer points between frames: nothing is ever written there.</summary>
    private sealed class NoBuffer : IBufferWriter<byte>
    {
        public static readonly NoBuffer Instance = new();

        public void Advance(int count) => throw new InvalidOperationException("No frame is being built.");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("No frame is being built.");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("No frame is being built.");
    }

    /// <summary>Closes the socket with a status and reason, if it is still open.</summary>
    public async ValueTask CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseAsync(status, reason, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer vanished while we were saying goodbye.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends a close frame without waiting for the answer, if the socket is open: the receive loop
    /// then sees the client's close and ends as for any close (how a server says it is going away).
    /// Never throws: it runs unawaited, and may race with the connection ending and this writer's disposal.
    /// </summary>
    public async Task CloseOutputAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            await _gate.WaitAsync();
            try
            {
                if (_socket.State == WebSocketState.Open)
                {
                    await _socket.CloseOutputAsync(status, reason, CancellationToken.None);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// When <paramref name="stopping"/> fires (server shutdown), closes with 1001 going away and lets
    /// the client answer, so the receive loop ends as for any close. Cancelling the receive instead
    /// would abort the socket, which a client sees as 1006, a network failure.
    /// </summary>
    public CancellationTokenRegistration CloseOnShutdown(CancellationToken stopping) =>
        stopping.UnsafeRegister(
            static writer => _ = ((WebSocketFrameWriter)writer!).CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down"),
            this);

    /// <summary>Called by <see cref="SendWatchdog"/>: aborts the socket when the frame in flight is past its deadline.</summary>
    internal void AbortIfStuck(long now)
    {
        var deadline = Volatile.Read(ref _sendDeadline);
        if (deadline != 0 && now > deadline)
        {
            DroppedAsSlowConsumer = true;
            _socket.Abort();
        }
    }

    public void Dispose()
    {
        SendWatchdog.Shared.Forget(this);
        _gate.Dispose();
    }
}
