using System.Buffers;
using System.Net.Sockets;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// The stream a direct WebSocket runs over on Chatwire's transport, owning its socket. Reads go
/// straight to the socket. Writes are copied into a buffer and sent from the thread pool, so frames
/// written while a send is on its way leave together in one send, as Kestrel's output pipe sends
/// them: a system call per frame costs a third of the throughput of a 1,000-stream burst. The
/// buffer is rented only while bytes wait, so an idle connection holds none.
/// </summary>
/// <remarks>
/// Backpressure as Kestrel's: a write that finds <see cref="MaxBuffered"/> bytes waiting completes
/// only when they are taken for sending. Disposing (the WebSocket closing or aborting) closes the
/// socket once what was written is sent, or after <see cref="FlushGrace"/> when the client is not
/// reading it.
/// </remarks>
internal sealed class SocketStream(Socket socket) : AsyncDuplexStream, IThreadPoolWorkItem
{
    private const int MaxBuffered = 64 * 1024;
    private static readonly TimeSpan FlushGrace = TimeSpan.FromSeconds(5);

    // Everything below is guarded by locking this stream (a private class: nobody else locks it).
    private byte[]? _waiting;
    private int _waitingLength;
    private bool _sending;
    private bool _disposed;
    private Exception? _failure;
    private TaskCompletionSource? _room;
    private int _closed;

    // Not awaited here, so a read that waits holds no async state of this stream's. The WebSocket
    // reports a failed read as a connection closed prematurely, whatever the exception's type.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        return socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        bool startSending;
        Task? room = null;
        lock (this)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_failure is { } failure)
            {
                return ValueTask.FromException(new IOException("Unable to write data to the transport connection.", failure));
            }

            Append(buffer.Span);
            startSending = !_sending;
            _sending = true;
            if (_waitingLength > MaxBuffered)
            {
                room = (_room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }

        if (startSending)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return room is null ? ValueTask.CompletedTask : new ValueTask(room);
    }

    // Written bytes go to the socket on their own; nothing waits for a flush.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void IThreadPoolWorkItem.Execute() => _ = SendWaitingAsync();

    protected override void Dispose(bool disposing)
    {
        bool closeNow;
        lock (this)
        {
            _disposed = true;
            closeNow = !_sending;
        }

        if (closeNow)
        {
            CloseSocket();
        }
        else
        {
            _ = CloseAfterGraceAsync();
        }

        base.Dispose(disposing);
    }

    /// <summary>Sends what is waiting, batch after batch, until nothing is; then closes the socket if the stream is disposed.</summary>
    private async Task SendWaitingAsync()
    {
        while (true)
        {
            byte[] batch;
            int length;
            lock (this)
            {
                if (_waitingLength == 0)
                {
                    _sending = false;
                    if (!_disposed)
                    {
                        return;
                    }

                    break;
                }

                (batch, length) = (_waiting!, _waitingLength);
                (_waiting, _waitingLength) = (null, 0);
                TakeRoom()?.TrySetResult();
            }

            try
            {
                await PooledSocketSender.SendAsync(socket, batch.AsMemory(0, length));
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
            {
                Fail(exception);
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(batch);
            }
        }

        CloseSocket();
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var needed = _waitingLength + bytes.Length;
        if (_waiting is null || _waiting.Length < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 4096));
            if (_waiting is { } old)
            {
                old.AsSpan(0, _waitingLength).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(old);
            }

            _waiting = bigger;
        }

        bytes.CopyTo(_waiting.AsSpan(_waitingLength));
        _waitingLength = needed;
    }

    private void Fail(Exception exception)
    {
        TaskCompletionSource? room;
        lock (this)
        {
            _failure = exception;
            _sending = false;
            room = TakeRoom();
            if (_waiting is { } unsent)
            {
                ArrayPool<byte>.Shared.Return(unsent);
                (_waiting, _waitingLength) = (null, 0);
            }
        }

        room?.TrySetException(new IOException("Unable to write data to the transport connection.", exception));
        CloseSocket();
    }

    private TaskCompletionSource? TakeRoom()
    {
        var room = _room;
        _room = null;
        return room;
    }

    private async Task CloseAfterGraceAsync()
    {
        await Task.Delay(FlushGrace);
        CloseSocket();
    }

    private void CloseSocket()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

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
}
