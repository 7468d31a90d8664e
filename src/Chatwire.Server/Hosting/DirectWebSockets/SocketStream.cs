using System.Net.Sockets;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// The stream a direct WebSocket runs over on Chatwire's transport: reads straight from the
/// socket, writes through <see cref="PooledSocketSender"/>, and owns the socket. Only what a
/// WebSocket calls is implemented.
/// </summary>
internal sealed class SocketStream(Socket socket) : AsyncDuplexStream
{
    private volatile bool _disposed;

    // Not awaited here, so a read that waits holds no async state of this stream's. The WebSocket
    // reports a failed read as a connection closed prematurely, whatever the exception's type.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PooledSocketSender.SendAsync(socket, buffer);
    }

    // Writes go to the kernel as they are made.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            try
            {
                // A FIN after whatever was sent, as Kestrel ends its connections.
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already reset by the client.
            }

            socket.Dispose();
        }

        base.Dispose(disposing);
    }
}
