namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Sends a comment on an SSE response at the end of every interval in which no event went out, so
/// proxies, load balancers and CDNs that close idle connections keep the stream open while the
/// upstream is slow to produce the next token.
/// </summary>
/// <remarks>
/// It runs beside the turn's loop, not inside it. Racing each move of the event stream against a
/// tick (<c>Task.WhenAny(move.AsTask(), tick)</c>) cost a task and a promise per token whenever the
/// move had to wait, which with a real upstream is every token. Here the loop awaits its moves as
/// they are, a timer ticks once per interval whatever the tokens do, and the response's write gate
/// keeps a heartbeat out of the middle of an event (<see cref="SseResponse.TryHeartbeatAsync"/>).
/// </remarks>
internal sealed class SseHeartbeat : IAsyncDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly Task _beating;

    public SseHeartbeat(SseResponse sse, TimeSpan interval)
    {
        _timer = new PeriodicTimer(interval);
        _beating = BeatAsync(sse);
    }

    private async Task BeatAsync(SseResponse sse)
    {
        var eventsAtLastTick = sse.EventsWritten;
        while (await _timer.WaitForNextTickAsync())
        {
            var events = sse.EventsWritten;
            if (events == eventsAtLastTick)
            {
                await sse.TryHeartbeatAsync();
            }

            eventsAtLastTick = events;
        }
    }

    /// <summary>
    /// Stops the ticks and waits for a heartbeat still being written: once the request ends the
    /// server completes the response, and nothing may write to it after that.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _beating;
    }
}
