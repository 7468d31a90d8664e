using System.Net.Sockets;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// The stream a direct WebSocket runs over on Chatwire's transport: reads straight from the
/// socket, writes through <see cref="PooledSocketSender"/>, and owns the socket. Only what a
/// WebSocket calls is implemented.
/// </summary>
internal sealed class SocketStream(Socket socket) : Stream
{
    private volatile bool _disposed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

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

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Writes go to the kernel as they are made.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    // A WebSocket never calls these; blocking on a socket would only tie up a thread.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

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
