using System.Diagnostics;
using Chatwire.Bench.Wires;

namespace Chatwire.Bench.Load;

/// <summary>
/// Drives one share of the clients from this process: opens them all, then has every one of them
/// ask and stream answers back to back until the window closes.
/// </summary>
public sealed class LoadWorker(WorkerSpec spec) : IAsyncDisposable
{
    private readonly LoopbackConnector _connector = new(spec.Sources);
    private readonly List<IWireSession> _sessions = [];

    private WireContext Context => new()
    {
        BaseUri = new Uri(spec.BaseUri),
        Connector = _connector,
        SigningKey = spec.SigningKey,
        UserPrefix = spec.UserPrefix,
        Message = spec.Message,
        BrandId = spec.BrandId,
        KeepAlive = TimeSpan.FromSeconds(spec.KeepAliveSeconds),
    };

    public async Task<WorkerReport> ConnectAsync(CancellationToken cancellationToken)
    {
        var stats = new LoadStats();
        var wire = Wire.Parse(spec.Wire);
        var context = Context;
        var opened = new IWireSession?[spec.Connections];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, spec.ConnectParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, spec.Connections), parallel, async (i, token) =>
        {
            var session = WireSessions.Create(wire, context, spec.FirstUser + i);
            try
            {
                await session.ConnectAsync(token);
                opened[i] = session;
            }
            catch (Exception exception) when (!token.IsCancellationRequested)
            {
                stats.RecordError("connect: " + Describe(exception));
                await session.DisposeAsync();
            }
        });

        _sessions.AddRange(opened.OfType<IWireSession>());
        stats.Held = _sessions.Count;
        return stats.ToReport();
    }

    public async Task<WorkerReport> StreamAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var stats = new LoadStats { Held = _sessions.Count };
        var deadline = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        stats.CloseWindowAt(deadline);
        await Task.WhenAll(_sessions.Select(session => AskUntilAsync(session, stats, deadline, cancellationToken)));
        return stats.ToReport();
    }

    /// <summary>Answers back to back; the answer running when the window closes finishes (its latencies count).</summary>
    private static async Task AskUntilAsync(IWireSession session, LoadStats stats, long deadline, CancellationToken cancellationToken)
    {
        var recorder = new TurnRecorder(stats);
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await session.RunTurnAsync(recorder, cancellationToken);
                stats.RecordTurn();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                stats.RecordError(Describe(exception));
                if (IsConnectionDead(exception))
                {
                    // One error per lost connection, not one per second until the window closes.
                    return;
                }

                // A refusal (rate limit, quota) is not retried at full speed.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static bool IsConnectionDead(Exception exception) =>
        exception is System.Net.WebSockets.WebSocketException or ObjectDisposedException
        || exception is WireException { Message: var message } && message.StartsWith("connection", StringComparison.Ordinal);

    private static string Describe(Exception exception) => exception switch
    {
        WireException wire => wire.Message,
        TimeoutException => "timed out",
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_sessions, new ParallelOptions { MaxDegreeOfParallelism = 256 }, (session, _) => session.DisposeAsync());
        _sessions.Clear();
        _connector.Dispose();
    }
}
