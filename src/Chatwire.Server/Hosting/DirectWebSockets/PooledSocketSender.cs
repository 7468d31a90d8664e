using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// A socket send operation shared by all direct connections. <c>Socket.SendAsync</c> keeps an
/// operation of its own on every socket that ever sent (about 360 B), though an idle connection
/// sends a few bytes a minute; this one goes back to a pool when its send is done, as Kestrel's
/// socket senders do.
/// </summary>
internal sealed class PooledSocketSender : SocketAsyncEventArgs, IValueTaskSource
{
    // Enough for every send in flight at once on a busy server; beyond that they are garbage.
    private const int MaxPooled = 1024;
    private static readonly ConcurrentQueue<PooledSocketSender> Pool = new();

    private ManualResetValueTaskSourceCore<bool> _completion;

    private PooledSocketSender()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>Sends all of <paramref name="data"/>; completes when the kernel has taken the last byte.</summary>
    public static async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        var sender = Pool.TryDequeue(out var pooled) ? pooled : new PooledSocketSender();
        try
        {
            while (!data.IsEmpty)
            {
                await sender.SendOnceAsync(socket, data);
                data = data[sender.BytesTransferred..];
            }
        }
        finally
        {
            sender.SetBuffer(Memory<byte>.Empty);
            if (Pool.Count < MaxPooled)
            {
                Pool.Enqueue(sender);
            }
            else
            {
                sender.Dispose();
            }
        }
    }

    private ValueTask SendOnceAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        // The operation only reads the buffer; SocketAsyncEventArgs takes writable memory for both directions.
        SetBuffer(MemoryMarshal.AsMemory(data));
        _completion.Reset();
        if (socket.SendAsync(this))
        {
            return new ValueTask(this, _completion.Version);
        }

        return SocketError == SocketError.Success ? ValueTask.CompletedTask : ValueTask.FromException(Failure());
    }

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (SocketError == SocketError.Success)
        {
            _completion.SetResult(true);
        }
        else
        {
            _completion.SetException(Failure());
        }
    }

    // As NetworkStream reports a failed write.
    private IOException Failure() => new($"Unable to write data to the transport connection: {SocketError}.", new SocketException((int)SocketError));

    void IValueTaskSource.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);
}
