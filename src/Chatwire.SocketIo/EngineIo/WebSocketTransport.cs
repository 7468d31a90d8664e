using System.Buffers;
using System.Net.WebSockets;
using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// The WebSocket transport (engine.io-protocol v4, "WebSocket"): one packet per frame, text as
/// "&lt;type&gt;&lt;data&gt;", binary as is. A receive loop is the connection's one long-lived task;
/// the session's queue is sent as messages arrive, by whichever thread queued them, and only while
/// there is something to send, so an idle session waits in the receive loop alone.
/// </summary>
internal sealed partial class WebSocketTransport : IOutboundReader
{
    private const int InitialReceiveBufferSize = 4096;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly EngineIoSession _session;
    private readonly ILogger _logger;

    // 1 while a thread is sending the queue.
    private int _sending;
    private volatile bool _receiveEnded;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;

    // Made once the session closes: done when the close frame went out after the last message, or sending failed.
    private TaskCompletionSource? _flushed;

    private WebSocketTransport(WebSocket socket, EngineIoSession session, ILogger logger) =>
        (_socket, _session, _logger) = (socket, session, logger);

    private TaskCompletionSource Flushed =>
        LazyInitializer.EnsureInitialized(ref _flushed, static () => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Carries a session opened directly over WebSocket, its open packet already queued. Returns when the WebSocket ends, having disposed it.</summary>
    public static Task RunAsync(WebSocket socket, EngineIoSession session, ILogger logger) =>
        new WebSocketTransport(socket, session, logger).CarryAsync();

    /// <summary>
    /// Upgrades a polling session: "2probe" → "3probe", then "5" moves the session here
    /// (engine.io-protocol v4, "Upgrade"). Returns when the WebSocket ends; the probe's frame is
    /// gone by then, only the transport's waits.
    /// </summary>
    public static Task UpgradeAsync(WebSocket socket, EngineIoSession session, ILogger logger) =>
        ProbeThenCarryAsync(socket, session, logger).Unwrap();

    private static async Task<Task> ProbeThenCarryAsync(WebSocket socket, EngineIoSession session, ILogger logger)
    {
        var buffer = new ReceiveBuffer(session.MaxPayload);
        try
        {
            if (!await ProbeAsync(socket, session, buffer, logger))
            {
                socket.Abort();

                // Polling already answered "noop" and the client waits for the upgrade; the session cannot resume.
                if (session.Polling!.IsUpgrading)
                {
                    session.Close(CloseReasons.TransportError);
                }

                socket.Dispose();
                return Task.CompletedTask;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            Log.UpgradeFailed(logger, session.Id, ex.Message);
            socket.Dispose();
            return Task.CompletedTask;
        }
        finally
        {
            buffer.Release();
        }

        session.CompleteUpgrade();
        Log.Upgraded(logger, session.Id);
        return RunAsync(socket, session, logger);
    }

    private static async Task<bool> ProbeAsync(WebSocket socket, EngineIoSession session, ReceiveBuffer buffer, ILogger logger)
    {
        var probed = false;
        while (!session.IsClosed)
        {
            var frame = await buffer.ReceiveAsync(socket, CancellationToken.None);
            if (frame is not { } received || !EngineIoPacketParser.TryParseFrame(received.Data, received.IsBinary, out var packet))
            {
                Log.UpgradeFailed(logger, session.Id, "unexpected frame while probing");
                return false;
            }

            if (!probed && packet is { Type: EngineIoPacketType.Ping, IsProbe: true })
            {
                probed = true;
                session.Polling!.BeginUpgrade();
                await socket.SendAsync(OutboundMessage.PongProbe.Text, WebSocketMessageType.Text, true, CancellationToken.None);
            }
            else if (probed && packet.Type == EngineIoPacketType.Upgrade)
            {
                return true;
            }
            else
            {
                Log.UnexpectedProbePacket(logger, session.Id, packet.Type);
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads packets until the client closes, the connection fails or a frame is refused, then ends
    /// the session and waits for its last messages and close frame to go out. The connection's one
    /// long-lived frame: the session can also close from elsewhere (heartbeat, overflow, server), and
    /// then the close frame follows the last queued message and a client that does not answer is dropped.
    /// </summary>
    private async Task CarryAsync()
    {
        var buffer = new ReceiveBuffer(_session.MaxPayload);
        _session.Outbound.Attach(this);
        try
        {
            while (!_session.IsClosed)
            {
                // A zero-byte read first, so an idle session holds no receive buffer.
                var idle = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (idle.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var frame = await buffer.ReceiveAsync(_socket, CancellationToken.None);
                if (frame is not { } received)
                {
                    if (buffer.TooLarge)
                    {
                        Log.PayloadTooLarge(_logger, _session.Id, _session.MaxPayload);
                        _closeStatus = WebSocketCloseStatus.MessageTooBig;
                        _session.Close(CloseReasons.PayloadTooLarge);
                    }

                    break;
                }

                if (!EngineIoPacketParser.TryParseFrame(received.Data, received.IsBinary, out var packet))
                {
                    Log.InvalidFrame(_logger, _session.Id);
                    _session.Close(CloseReasons.ParseError);
                    break;
                }

                _session.Receive(packet);
                buffer.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Log.TransportError(_logger, _session.Id, ex.Message);
            _session.Close(CloseReasons.TransportError);
        }
        finally
        {
            buffer.Release();
        }

        _receiveEnded = true;

        // The client closed or the connection failed: that ends the session (if nothing else did),
        // whose last messages and close frame then go out.
        _session.Close(CloseReasons.TransportClose, clientInitiated: true);
        if (!await CompletesWithinGraceAsync(Flushed.Task))
        {
            _socket.Abort();
        }

        _socket.Dispose();
    }

    /// <summary>
    /// The session closed, so its queue was completed. Told by the queue rather than by a registration
    /// on the session's token, which was about 150 bytes of every idle session (docs/benchmarks.md).
    /// </summary>
    public void OnOutboundCompleted() => _ = CloseFromServerAsync();

    /// <summary>Once the close frame is out, the client has the grace period to answer it.</summary>
    private async Task CloseFromServerAsync()
    {
        // Sends the close frame after whatever is still queued, unless a send is under way and will.
        OnOutboundWork();
        if (_receiveEnded)
        {
            return;
        }

        await CompletesWithinGraceAsync(Flushed.Task);
        await Task.Delay(CloseGrace);
        if (!_receiveEnded)
        {
            // Not reading (a send is stuck) or not answering the close.
            _socket.Abort();
        }
    }

    /// <summary>Sends the queue on this thread unless another thread is sending it.</summary>
    public void OnOutboundWork()
    {
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            _ = SendQueuedAsync();
        }
    }

    /// <summary>Sends until the queue is empty; once it is completed and empty, sends the close frame.</summary>
    private async Task SendQueuedAsync()
    {
        var outbound = _session.Outbound;
        try
        {
            while (true)
            {
                while (outbound.TryRead(out var message))
                {
                    await _socket.SendAsync(message.Text, WebSocketMessageType.Text, true, CancellationToken.None);
                    foreach (var attachment in message.Attachments)
                    {
                        await _socket.SendAsync(attachment, WebSocketMessageType.Binary, true, CancellationToken.None);
                    }
                }

                if (outbound.IsCompleted)
                {
                    await CloseOutputAsync();
                    return;
                }

                // Let go, then look again: a message queued in between found this thread still sending.
                Volatile.Write(ref _sending, 0);
                if (!outbound.HasWork || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Log.TransportError(_logger, _session.Id, ex.Message);
            Flushed.TrySetResult();
            _session.Close(CloseReasons.TransportError);
        }
    }

    private async Task CloseOutputAsync()
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseGrace);
                await _socket.CloseOutputAsync(_closeStatus, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Log.TransportError(_logger, _session.Id, ex.Message);
        }
        finally
        {
            Flushed.TrySetResult();
        }
    }

    private static async Task<bool> CompletesWithinGraceAsync(Task task)
    {
        var finished = await Task.WhenAny(task, Task.Delay(CloseGrace));
        return finished == task;
    }

    /// <summary>Assembles one WebSocket message into a pooled buffer that grows up to maxPayload.</summary>
    private sealed class ReceiveBuffer(long maxPayload)
    {
        private byte[]? _array;

        public bool TooLarge { get; private set; }

        /// <summary>The next whole message, or null when the peer closed or the message exceeds maxPayload.</summary>
        public async ValueTask<(ReadOnlySequence<byte> Data, bool IsBinary)?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
        {
            _array ??= ArrayPool<byte>.Shared.Rent(InitialReceiveBufferSize);
            var count = 0;
            while (true)
            {
                if (count == _array.Length)
                {
                    if (count > maxPayload)
                    {
                        TooLarge = true;
                        return null;
                    }

                    Grow(count);
                }

                var result = await socket.ReceiveAsync(_array.AsMemory(count), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                count += result.Count;
                if (count > maxPayload)
                {
                    TooLarge = true;
                    return null;
                }

                if (result.EndOfMessage)
                {
                    return (new ReadOnlySequence<byte>(_array, 0, count), result.MessageType == WebSocketMessageType.Binary);
                }
            }
        }

        public void Release()
        {
            if (_array is not null)
            {
                ArrayPool<byte>.Shared.Return(_array);
                _array = null;
            }
        }

        private void Grow(int count)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(count * 2L, maxPayload + 1));
            _array.AsSpan(0, count).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array!);
            _array = larger;
        }
    }
}
