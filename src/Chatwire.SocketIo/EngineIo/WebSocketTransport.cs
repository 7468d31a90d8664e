using System.Buffers;
using System.Net.WebSockets;
using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// The WebSocket transport (engine.io-protocol v4, "WebSocket"): one packet per frame, text as
/// "&lt;type&gt;&lt;data&gt;", binary as is. Runs a receive loop and a send loop that drains the session queue.
/// </summary>
internal static partial class WebSocketTransport
{
    private const int InitialReceiveBufferSize = 4096;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>Carries a session opened directly over WebSocket, its open packet already queued.</summary>
    public static Task RunAsync(WebSocket socket, EngineIoSession session, ILogger logger) =>
        CarryAsync(socket, session, logger);

    /// <summary>
    /// Upgrades a polling session: "2probe" → "3probe", then "5" moves the session here
    /// (engine.io-protocol v4, "Upgrade"). Returns when the WebSocket ends.
    /// </summary>
    public static async Task UpgradeAsync(WebSocket socket, EngineIoSession session, ILogger logger)
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

                return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            Log.UpgradeFailed(logger, session.Id, ex.Message);
            return;
        }
        finally
        {
            buffer.Release();
        }

        session.CompleteUpgrade();
        Log.Upgraded(logger, session.Id);
        await CarryAsync(socket, session, logger);
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

    private static async Task CarryAsync(WebSocket socket, EngineIoSession session, ILogger logger)
    {
        var sending = SendLoopAsync(socket, session, logger);
        var receiving = ReceiveLoopAsync(socket, session, logger);

        // The session can also close from elsewhere (heartbeat, overflow, server). A client that stopped
        // reading leaves the send loop stuck in SendAsync, so the close itself must wake this up.
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (session.Closed.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), closed))
        {
            await Task.WhenAny(sending, receiving, closed.Task);
        }

        // Either side ending ends the session; the send loop then flushes what is queued and stops.
        session.Close(CloseReasons.TransportClose, clientInitiated: receiving.IsCompleted);
        if (await CompletesWithinGraceAsync(sending) && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(CloseGrace);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                Log.TransportError(logger, session.Id, ex.Message);
            }
        }

        if (!await CompletesWithinGraceAsync(receiving))
        {
            socket.Abort();
        }

        await Task.WhenAll(sending, receiving);
    }

    private static async Task<bool> CompletesWithinGraceAsync(Task task)
    {
        var finished = await Task.WhenAny(task, Task.Delay(CloseGrace));
        return finished == task;
    }

    private static async Task SendLoopAsync(WebSocket socket, EngineIoSession session, ILogger logger)
    {
        try
        {
            var outbound = session.Outbound;
            while (await outbound.WaitToReadAsync())
            {
                while (outbound.TryRead(out var message))
                {
                    await socket.SendAsync(message.Text, WebSocketMessageType.Text, true, CancellationToken.None);
                    foreach (var attachment in message.Attachments)
                    {
                        await socket.SendAsync(attachment, WebSocketMessageType.Binary, true, CancellationToken.None);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Log.TransportError(logger, session.Id, ex.Message);
            session.Close(CloseReasons.TransportError);
        }
    }

    private static async Task ReceiveLoopAsync(WebSocket socket, EngineIoSession session, ILogger logger)
    {
        var buffer = new ReceiveBuffer(session.MaxPayload);
        try
        {
            while (!session.IsClosed)
            {
                // A zero-byte read first, so an idle session holds no receive buffer.
                var idle = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (idle.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var frame = await buffer.ReceiveAsync(socket, CancellationToken.None);
                if (frame is not { } received)
                {
                    if (buffer.TooLarge)
                    {
                        Log.PayloadTooLarge(logger, session.Id, session.MaxPayload);
                        session.Close(CloseReasons.PayloadTooLarge);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, null, CancellationToken.None);
                    }

                    return;
                }

                if (!EngineIoPacketParser.TryParseFrame(received.Data, received.IsBinary, out var packet))
                {
                    Log.InvalidFrame(logger, session.Id);
                    session.Close(CloseReasons.ParseError);
                    return;
                }

                session.Receive(packet);
                buffer.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Log.TransportError(logger, session.Id, ex.Message);
            session.Close(CloseReasons.TransportError);
        }
        finally
        {
            buffer.Release();
        }
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
