using System.Threading.Channels;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// Work a connection does one item at a time, in arrival order, with a small bounded backlog:
/// a client that sends faster than answers are produced is told the queue is full instead of
/// growing server memory.
/// </summary>
public sealed class SerialWorkQueue<T>(int capacity)
{
    private readonly Channel<T> _items = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>False when the backlog is full (or the queue is completed).</summary>
    public bool TryEnqueue(T item) => _items.Writer.TryWrite(item);

    /// <summary>No more items will come; <see cref="RunAsync"/> ends after the backlog.</summary>
    public void Complete() => _items.Writer.TryComplete();

    /// <summary>Processes items one by one until completed or cancelled.</summary>
    public async Task RunAsync(Func<T, CancellationToken, Task> process, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(cancellationToken))
            {
                await process(item, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection is closing; what is left in the backlog is dropped.
        }
    }
}
