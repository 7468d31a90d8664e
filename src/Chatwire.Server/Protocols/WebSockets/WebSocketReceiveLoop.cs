using System.Net.WebSockets;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// The one loop that owns a JSON WebSocket's reading: whole messages up to a size limit, handed
/// on one at a time; a close frame is answered, an oversized message closes with 1009.
/// </summary>
public static class WebSocketReceiveLoop
{
    /// <summary>Reads until the connection ends, handing each message to <paramref name="handler"/>, and says how it ended.</summary>
    /// <remarks>A handler, not a delegate: the connection itself is one, with no delegate object kept for each.</remarks>
    public static async Task<WebSocketLoopEnd> RunAsync(
        WebSocket socket,
        WebSocketFrameWriter writer,
        int maxFrameBytes,
        IWebSocketMessageHandler handler,
        CancellationToken cancellationToken)
    {
        using var reader = new WebSocketMessageReader(socket, maxFrameBytes);
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
                return new WebSocketLoopEnd(WebSocketLoopEndReason.Lost, exception.Message);
            }

            switch (read.Status)
            {
                case WebSocketReadStatus.Closed:
                    await writer.CloseAsync(WebSocketCloseStatus.NormalClosure, "Bye", cancellationToken);
                    return new WebSocketLoopEnd(WebSocketLoopEndReason.ClosedByClient, null);
                case WebSocketReadStatus.TooBig:
                    await writer.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Frames are limited to {maxFrameBytes} bytes", cancellationToken);
                    return new WebSocketLoopEnd(WebSocketLoopEndReason.FrameTooBig, null);
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
}

/// <summary>What a <see cref="WebSocketReceiveLoop"/> hands each whole message to, one at a time.</summary>
public interface IWebSocketMessageHandler
{
    /// <summary>The UTF-8 text of a text message, or null for a binary one (the JSON wires refuse those).</summary>
    Task HandleMessageAsync(ReadOnlyMemory<byte>? text, CancellationToken cancellationToken);
}

public enum WebSocketLoopEndReason
{
    ClosedByClient,
    FrameTooBig,
    Lost,
}

/// <summary>How a receive loop ended; <see cref="Detail"/> says why a connection was lost.</summary>
public readonly record struct WebSocketLoopEnd(WebSocketLoopEndReason Reason, string? Detail);
