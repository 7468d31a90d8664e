using System.Collections.Concurrent;
using Chatwire.Server.Protocols.WebSockets;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.WsChat;

/// <summary>The per-connection backlog every WebSocket wire answers its messages through.</summary>
public sealed class SerialWorkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ItemsAreDoneOneAtATimeInArrivalOrder()
    {
        var done = new ConcurrentQueue<int>();
        var running = 0;
        var overlapped = false;
        var queue = new SerialWorkQueue<int>(10, async (item, token) =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Delay(5, token);
            done.Enqueue(item);
            Interlocked.Decrement(ref running);
        }, CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(queue.TryEnqueue(i));
        }

        await Eventually.TrueAsync(() => done.Count == 5, Timeout);
        Assert.Equal([0, 1, 2, 3, 4], done);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task BacklogBeyondCapacityIsRefusedAndFreesUpOnceDone()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var queue = new SerialWorkQueue<int>(2, async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        }, CancellationToken.None);

        Assert.True(queue.TryEnqueue(1));
        await started.Task.WaitAsync(Timeout);
        Assert.True(queue.TryEnqueue(2));
        Assert.True(queue.TryEnqueue(3));
        Assert.False(queue.TryEnqueue(4));

        release.SetResult();
        await Eventually.TrueAsync(() => queue.TryEnqueue(5), Timeout);
    }

    [Fact]
    public async Task WorkQueuedAfterTheQueueWentIdleIsStillDone()
    {
        var done = new ConcurrentQueue<string>();
        var queue = new SerialWorkQueue<string>(4, (item, _) =>
        {
            done.Enqueue(item);
            return Task.CompletedTask;
        }, CancellationToken.None);

        queue.TryEnqueue("first");
        await Eventually.TrueAsync(() => done.Count == 1, Timeout);
        await Task.Delay(50);
        queue.TryEnqueue("second");

        await Eventually.TrueAsync(() => done.Count == 2, Timeout);
        Assert.Equal(["first", "second"], done);
    }

    [Fact]
    public async Task ClosingCancelsTheItemInProgressDropsTheRestAndRefusesMore()
    {
        var started = new TaskCompletionSource();
        var cancelled = false;
        var done = new ConcurrentQueue<int>();
        var queue = new SerialWorkQueue<int>(4, async (item, token) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout, token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            done.Enqueue(item);
        }, CancellationToken.None);

        queue.TryEnqueue(1);
        queue.TryEnqueue(2);
        await started.Task.WaitAsync(Timeout);

        await queue.CloseAsync().WaitAsync(Timeout);

        Assert.True(cancelled);
        Assert.Empty(done);
        Assert.False(queue.TryEnqueue(3));
    }

    [Fact]
    public async Task StoppingCancelsTheItemInProgress()
    {
        using var stopping = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var ended = new TaskCompletionSource<bool>();
        var queue = new SerialWorkQueue<int>(4, async (_, token) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout, token);
                ended.TrySetResult(false);
            }
            catch (OperationCanceledException)
            {
                ended.TrySetResult(true);
                throw;
            }
        }, stopping.Token);

        queue.TryEnqueue(1);
        await started.Task.WaitAsync(Timeout);
        await stopping.CancelAsync();

        Assert.True(await ended.Task.WaitAsync(Timeout));
    }
}
