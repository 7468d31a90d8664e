using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// Sends JSON text frames one at a time: a WebSocket allows a single outstanding send, and the
/// reader loop (pong, errors) and the turn worker (tokens) both write.
/// </summary>
/// <param name="sendTimeout">
/// When set, a client that does not take a frame within this time is dropped as a slow consumer
/// (cancelling a WebSocket send aborts the socket), so a stalled reader cannot hold a turn open.
/// </param>
public sealed class WebSocketFrameWriter(WebSocket socket, TimeSpan? sendTimeout = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PooledBufferWriter _buffer = new();
    private readonly Utf8JsonWriter _json = new(Stream.Null);

    /// <summary>True once a send timed out and the socket was dropped.</summary>
    public bool DroppedAsSlowConsumer { get; private set; }

    /// <summary>Writes one frame built by <paramref name="write"/>; false when the socket is gone.</summary>
    public async ValueTask<bool> SendAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (socket.State != WebSocketState.Open)
            {
                return false;
            }

            _json.Reset(_buffer);
            write(_json, state);
            _json.Flush();
            using var timeout = sendTimeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout?.CancelAfter(sendTimeout!.Value);
            await socket.SendAsync(_buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, timeout?.Token ?? cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            DroppedAsSlowConsumer = true;
            return false;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            // Between frames the connection holds no send buffer.
            _buffer.Release();
            _gate.Release();
        }
    }

    /// <summary>Closes the socket with a status and reason, if it is still open.</summary>
    public async ValueTask CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseAsync(status, reason, cancellationToken);
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

    public void Dispose()
    {
        _json.Dispose();
        _gate.Dispose();
    }
}
