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

        // One heartbeat tick per interval, not a timer per event: a tick that finds the stream was
        // silent since the previous one sends a comment, so idle proxies keep the connection open.
        var tick = Task.Delay(heartbeat, aborted);
        var wroteSinceTick = false;
        while (true)
        {
            var next = events.MoveNextAsync().AsTask();
            while (!next.IsCompleted && await Task.WhenAny(next, tick) != next && !aborted.IsCancellationRequested)
            {
                if (!wroteSinceTick)
                {
                    await sse.TryHeartbeatAsync();
                }

                wroteSinceTick = false;
                tick = Task.Delay(heartbeat, aborted);
            }

            if (!await next)
            {
                return;
            }

            await dialect.WriteAsync(sse, events.Current);
            wroteSinceTick = true;
        }
    }

    /// <summary>Answers a request that never became a turn (bad identity, bad body) in the dialect's framing.</summary>
    public static async Task RefuseAsync(HttpContext context, ISseDialect dialect, string code, string message, int? status = null)
    {
        var sse = new SseResponse(context);
        sse.Start(status ?? HttpProblems.StatusFor(code));
        await dialect.WriteErrorAsync(sse, code, message);
    }
}
