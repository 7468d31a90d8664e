using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// An upgrade over a socket of <see cref="DirectSocketListener"/>, whose head was only peeked at:
/// accepting reads the head off the socket and the WebSocket runs over a <see cref="SocketStream"/>
/// that owns the socket, with no pipes, buffers or loops of a transport in between. The listener
/// keeps this for the session's life, to close the socket when the endpoint is done with it.
/// </summary>
internal sealed class SocketUpgradeConnection(Socket socket, long number, CancellationToken closed) : UpgradeConnection, IDisposable
{
    private SocketStream? _stream;

    public override string ConnectionId => $"direct-{number:x}";

    public override EndPoint? LocalEndPoint => socket.LocalEndPoint;

    public override EndPoint? RemoteEndPoint => socket.RemoteEndPoint;

    public override CancellationToken Closed => closed;

    public override async ValueTask<Stream> UpgradeAsync(int headLength, ReadOnlyMemory<byte> responseHead)
    {
        // The head was peeked, so all of it is waiting in the socket: these reads do not wait.
        var head = ArrayPool<byte>.Shared.Rent(headLength);
        try
        {
            for (var taken = 0; taken < headLength;)
            {
                var read = await socket.ReceiveAsync(head.AsMemory(taken, headLength - taken), SocketFlags.None);
                taken += read > 0 ? read : throw new IOException("The connection closed during the WebSocket handshake.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }

        await PooledSocketSender.SendAsync(socket, responseHead);
        return _stream = new SocketStream(socket);
    }

    /// <summary>Closes the connection once what was written to it is sent (the endpoint has usually done so already).</summary>
    public void Dispose()
    {
        if (_stream is { } stream)
        {
            stream.Dispose();
        }
        else
        {
            socket.Dispose();
        }
    }

    /// <summary>Closes the connection now, sent or not.</summary>
    public void Abort() => socket.Dispose();
}
