using Chatwire.Core.Turns;
using Chatwire.Server.Hosting;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Runs one turn onto an SSE response in a dialect: one loop writes every event, and
/// <see cref="SseHeartbeat"/> fills the silences between them.
/// </summary>
internal static class SseTurn
{
    public static async Task RunAsync(HttpContext context, ChatEngine engine, TurnRequest request, ISseDialect dialect, TimeSpan heartbeatInterval)
    {
        try
        {
            await PumpAsync(context, engine, request, dialect, heartbeatInterval);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away. Disposing the event stream above stored the partial answer as cancelled.
        }
    }

    private static async Task PumpAsync(HttpContext context, ChatEngine engine, TurnRequest request, ISseDialect dialect, TimeSpan heartbeatInterval)
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

        // Each move is awaited as it is, so waiting for the upstream costs nothing per token; the
        // heartbeat's timer covers the silences. Declared last, disposed first: no heartbeat is still
        // being written when the request ends.
        await using var heartbeat = new SseHeartbeat(sse, heartbeatInterval);
        while (await events.MoveNextAsync())
        {
            await dialect.WriteAsync(sse, events.Current);
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
