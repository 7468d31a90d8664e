using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// An upgrade over a socket of <see cref="DirectSocketListener"/>, whose head was only peeked at:
/// accepting reads the head off the socket and the WebSocket runs over a <see cref="SocketStream"/>
/// that owns the socket, with no pipes, buffers or loops of a transport in between.
/// </summary>
internal sealed class SocketUpgradeConnection(Socket socket, string connectionId, CancellationToken closed) : UpgradeConnection
{
    public override string ConnectionId => connectionId;

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
        return new SocketStream(socket);
    }
}
