using System.Buffers;
using System.Net.WebSockets;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// Reads whole WebSocket messages into one reusable buffer, refusing any message over a size
/// limit before buffering it all (the caller then closes with 1009, RFC 6455 §7.4.1).
/// </summary>
public sealed class WebSocketMessageReader(WebSocket socket, int maxMessageBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(4096, maxMessageBytes + 1));

    /// <summary>Reads the next message; the returned memory is valid until the next call.</summary>
    public async ValueTask<WebSocketRead> ReadAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Grow();
            }

            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return WebSocketRead.Closed;
            }

            length += result.Count;
            if (length > maxMessageBytes)
            {
                return WebSocketRead.TooBig;
            }

            if (result.EndOfMessage)
            {
                return new WebSocketRead(WebSocketReadStatus.Message, result.MessageType, _buffer.AsMemory(0, length));
            }
        }
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, maxMessageBytes + 1));
        _buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}

public enum WebSocketReadStatus
{
    Message,
    Closed,
    TooBig,
}

public readonly record struct WebSocketRead(WebSocketReadStatus Status, WebSocketMessageType Type, ReadOnlyMemory<byte> Data)
{
    public static WebSocketRead Closed => new(WebSocketReadStatus.Closed, WebSocketMessageType.Close, default);

    public static WebSocketRead TooBig => new(WebSocketReadStatus.TooBig, WebSocketMessageType.Text, default);
}
