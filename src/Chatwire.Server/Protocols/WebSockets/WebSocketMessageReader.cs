using System.Buffers;
using System.Net.WebSockets;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// Reads whole WebSocket messages, refusing any message over a size limit before buffering it all
/// (the caller then closes with 1009, RFC 6455 §7.4.1). The caller waits for a message in a
/// zero-byte receive holding no buffer; a buffer is rented only once a message has started to
/// arrive, so an idle connection costs no receive memory (4 KB each otherwise; see docs/benchmarks.md).
/// </summary>
public sealed class WebSocketMessageReader(WebSocket socket, int maxMessageBytes) : IDisposable
{
    private byte[] _buffer = [];

    /// <summary>
    /// Reads the message whose arrival the zero-byte receive <paramref name="start"/> reported; the
    /// returned memory is valid until <see cref="Release"/>.
    /// </summary>
    public async ValueTask<WebSocketRead> ReadAsync(ValueWebSocketReceiveResult start, CancellationToken cancellationToken)
    {
        if (start.MessageType == WebSocketMessageType.Close)
        {
            return WebSocketRead.Closed;
        }

        if (start.EndOfMessage)
        {
            // An empty message: the zero-byte read consumed all of it.
            return new WebSocketRead(WebSocketReadStatus.Message, start.MessageType, ReadOnlyMemory<byte>.Empty);
        }

        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(4096, maxMessageBytes + 1));
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

    /// <summary>Gives the last message's buffer back: the connection waits for the next one holding none.</summary>
    public void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    public void Dispose() => Release();
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
