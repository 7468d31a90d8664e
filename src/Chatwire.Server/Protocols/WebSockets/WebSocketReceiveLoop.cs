using System.Net.WebSockets;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// The one loop that owns a JSON WebSocket's reading: whole messages up to a size limit, handed
/// on one at a time; a close frame is answered, an oversized message closes with 1009.
/// </summary>
public static class WebSocketReceiveLoop
{
    /// <summary>
    /// Opens <paramref name="handler"/>, reads until the connection ends handing it each message,
    /// closes it however the loop ended, and says how. <paramref name="cancellationToken"/> ends the
    /// loop as a lost connection (an aborted request, a stopping server), not as a failure.
    /// </summary>
    /// <remarks>
    /// A handler, not delegates, and its opening and closing inside this method: the connection
    /// itself is the handler and this is its one frame of async state, with no delegate object or
    /// frame of its own kept for each idle connection.
    /// </remarks>
    public static async Task<WebSocketLoopEnd> RunAsync(
        WebSocket socket,
        WebSocketFrameWriter writer,
        int maxFrameBytes,
        IWebSocketMessageHandler handler,
        CancellationToken cancellationToken)
    {
        using var reader = new WebSocketMessageReader(socket, maxFrameBytes);
        WebSocketLoopEnd? end = null;
        try
        {
            await handler.OpenedAsync(cancellationToken);
            while (true)
            {
                WebSocketRead read;
                try
                {
                    // Awaited here rather than inside the reader, so an idle connection waits in one
                    // frame of async state, not two.
                    var start = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
                    read = await reader.ReadAsync(start, cancellationToken);
                }
                catch (Exception exception) when (exception is WebSocketException or IOException)
                {
                    // The client vanished without a close frame, or a keep-alive ping went unanswered.
                    end = new WebSocketLoopEnd(WebSocketLoopEndReason.Lost, exception.Message);
                    return end.Value;
                }

                switch (read.Status)
                {
                    case WebSocketReadStatus.Closed:
                        await writer.CloseAsync(WebSocketCloseStatus.NormalClosure, "Bye", cancellationToken);
                        end = new WebSocketLoopEnd(WebSocketLoopEndReason.ClosedByClient, null);
                        return end.Value;
                    case WebSocketReadStatus.TooBig:
                        await writer.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Frames are limited to {maxFrameBytes} bytes", cancellationToken);
                        end = new WebSocketLoopEnd(WebSocketLoopEndReason.FrameTooBig, null);
                        return end.Value;
                }

                try
                {
                    await handler.HandleMessageAsync(read.Type == WebSocketMessageType.Text ? read.Data : null, cancellationToken);
                }
                finally
                {
                    reader.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's token: the connection was aborted or the server is stopping.
            end = new WebSocketLoopEnd(WebSocketLoopEndReason.Lost, "The connection was aborted.");
            return end.Value;
        }
        finally
        {
            await handler.ClosedAsync(end);
        }
    }
}

/// <summary>What a <see cref="WebSocketReceiveLoop"/> opens, hands each whole message to, one at a time, and closes.</summary>
public interface IWebSocketMessageHandler
{
    /// <summary>Before the first read: what the connection does before it listens.</summary>
    Task OpenedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The UTF-8 text of a text message, or null for a binary one (the JSON wires refuse those).</summary>
    Task HandleMessageAsync(ReadOnlyMemory<byte>? text, CancellationToken cancellationToken);

    /// <summary>After the last read, however the loop ended: null when it ended by an exception, which follows.</summary>
    ValueTask ClosedAsync(WebSocketLoopEnd? end) => ValueTask.CompletedTask;
}

public enum WebSocketLoopEndReason
{
    ClosedByClient,
    FrameTooBig,
    Lost,
}

/// <summary>How a receive loop ended; <see cref="Detail"/> says why a connection was lost.</summary>
public readonly record struct WebSocketLoopEnd(WebSocketLoopEndReason Reason, string? Detail);
