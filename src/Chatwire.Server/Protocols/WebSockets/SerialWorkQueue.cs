namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// Work a connection does one item at a time, in arrival order, with a small bounded backlog:
/// a client that sends faster than answers are produced is told the queue is full instead of
/// growing server memory. A worker runs only while there is work, so an idle connection holds no
/// task, channel or cancellation source for it (docs/benchmarks.md, idle memory).
/// </summary>
/// <param name="capacity">Items that may wait behind the one in progress.</param>
/// <param name="process">Does one item; its token is cancelled by <see cref="CloseAsync"/> or <paramref name="stopping"/>.</param>
/// <param name="stopping">Cancels the work in progress, as closing does (server shutdown, a dropped connection).</param>
public sealed class SerialWorkQueue<T>(int capacity, Func<T, CancellationToken, Task> process, CancellationToken stopping)
{
    private readonly Queue<T> _waiting = new();

    // Set while a worker runs: the worker's cancellation, created with it and disposed when it ends.
    private CancellationTokenSource? _working;
    private Task _worker = Task.CompletedTask;
    private bool _closed;

    /// <summary>Queues an item, starting a worker if none runs. False when the backlog is full or the queue is closed.</summary>
    public bool TryEnqueue(T item)
    {
        lock (_waiting)
        {
            if (_closed || _waiting.Count >= capacity)
            {
                return false;
            }

            _waiting.Enqueue(item);
            if (_working is not null)
            {
                return true;
            }

            // Started under the lock (it yields before any work), so CloseAsync always sees the newest worker.
            _working = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _worker = WorkAsync(_working);
            return true;
        }
    }

    /// <summary>Takes no more items, drops those waiting, cancels the one in progress and completes when it has ended.</summary>
    public Task CloseAsync()
    {
        lock (_waiting)
        {
            _closed = true;
            _waiting.Clear();

            // Asynchronous: the work's cancellation callbacks do not run under this lock.
            _working?.CancelAsync();
            return _worker;
        }
    }

    private async Task WorkAsync(CancellationTokenSource working)
    {
        // Return to the caller (a receive loop) at once: the work runs beside it, not inside it.
        await Task.Yield();
        try
        {
            while (TryTakeNext(working, out var item))
            {
                try
                {
                    await process(item, working.Token);
                }
                catch (OperationCanceledException) when (working.IsCancellationRequested)
                {
                    // Closing or stopping: what is left is dropped by the next TryTakeNext.
                }
            }
        }
        finally
        {
            lock (_waiting)
            {
                // Normally TryTakeNext has let go already; not when the work threw.
                if (_working == working)
                {
                    _working = null;
                }
            }

            working.Dispose();
        }
    }

    private bool TryTakeNext(CancellationTokenSource working, out T item)
    {
        lock (_waiting)
        {
            if (!working.IsCancellationRequested && _waiting.TryDequeue(out item!))
            {
                return true;
            }

            // Ending while holding the lock: an item queued after this starts a new worker.
            _working = null;
            _waiting.Clear();
            item = default!;
            return false;
        }
    }
}
