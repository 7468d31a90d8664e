using System.Collections.Concurrent;
using System.Diagnostics;

namespace Chatwire.Server.Protocols.WebSockets;

/// <summary>
/// One timer for every writer with a send timeout: once a second it aborts the sockets whose
/// frame in flight is past its deadline. A timeout per frame (a linked token source and
/// <c>CancelAfter</c> per token) cost an allocation and a timer-queue lock per token, and a
/// cancellable token sends the frame down ManagedWebSocket's slower locked path
/// (docs/benchmarks.md). Detection is up to a second late, which a slow-consumer timeout allows.
/// </summary>
internal sealed class SendWatchdog
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<WebSocketFrameWriter, byte> _writers = new();
    private readonly Lazy<Timer> _timer;

    private SendWatchdog() =>
        _timer = new Lazy<Timer>(() => new Timer(_ => Scan(), null, Period, Period));

    public static SendWatchdog Shared { get; } = new();

    public void Watch(WebSocketFrameWriter writer)
    {
        _ = _timer.Value;
        _writers.TryAdd(writer, 0);
    }

    public void Forget(WebSocketFrameWriter writer) => _writers.TryRemove(writer, out _);

    private void Scan()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var writer in _writers.Keys)
        {
            writer.AbortIfStuck(now);
        }
    }
}
