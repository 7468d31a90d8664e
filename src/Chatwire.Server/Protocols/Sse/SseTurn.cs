using Chatwire.Core.Turns;
using Chatwire.Server.Hosting;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>Runs one turn onto an SSE response in a dialect; the one loop that owns the response writer.</summary>
internal static class SseTurn
{
    public static async Task RunAsync(HttpContext context, ChatEngine engine, TurnRequest request, ISseDialect dialect, TimeSpan heartbeat)
    {
        try
        {
            await PumpAsync(context, engine, request, dialect, heartbeat);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away. Disposing the event stream above stored the partial answer as cancelled.
        }
    }

    private static async Task PumpAsync(HttpContext context, ChatEngine engine, TurnRequest request, ISseDialect dialect, TimeSpan heartbeat)
    {
        var sse = new SseResponse(context);
        var aborted = context.RequestAborted;
        await using var events = engine.RunAsync(request, aborted).GetAsyncEnumerator(aborted);
        if (!await events.MoveNextAsync())
        {
            return;
        }

        sse.IdPrefix = events.Current.StreamId;
        if (events.Current is TurnFailed { Rejected: true } refused)
        {
            // Refused before anything was stored: the HTTP status says so (429 + Retry-After for rate
            // limits), and the body still carries the dialect's error event for clients that only read events.
            sse.Start(HttpProblems.StatusFor(refused.Code), refused.RetryAfter);
            await dialect.WriteAsync(sse, refused);
            return;
        }

        sse.Start();
        await dialect.WriteAsync(sse, events.Current);
        var next = events.MoveNextAsync().AsTask();
        while (true)
        {
            if (!next.IsCompleted && !aborted.IsCancellationRequested && !await WaitOrHeartbeatAsync(next, sse, heartbeat, aborted))
            {
                continue;
            }

            if (!await next)
            {
                return;
            }

            await dialect.WriteAsync(sse, events.Current);
            next = events.MoveNextAsync().AsTask();
        }
    }

    /// <summary>Answers a request that never became a turn (bad identity, bad body) in the dialect's framing.</summary>
    public static async Task RefuseAsync(HttpContext context, ISseDialect dialect, string code, string message, int? status = null)
    {
        var sse = new SseResponse(context);
        sse.Start(status ?? HttpProblems.StatusFor(code));
        await dialect.WriteErrorAsync(sse, code, message);
    }

    /// <summary>True when <paramref name="next"/> finished; false after sending a heartbeat because it took too long.</summary>
    private static async Task<bool> WaitOrHeartbeatAsync(Task<bool> next, SseResponse sse, TimeSpan heartbeat, CancellationToken aborted)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var timer = Task.Delay(heartbeat, idle.Token);
        if (await Task.WhenAny(next, timer) == next)
        {
            await idle.CancelAsync();
            return true;
        }

        if (!aborted.IsCancellationRequested)
        {
            await sse.TryHeartbeatAsync();
        }

        return false;
    }
}
