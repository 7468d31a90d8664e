using System.Collections.Concurrent;

namespace Chatwire.Bench.Load;

/// <summary>What one loader process saw in one phase: connections, token frames, latencies, errors.</summary>
public sealed class LoadStats
{
    private long _tokenFrames;
    private long _tokenFramesInWindow;
    private long _turns;
    private long _windowEnd = long.MaxValue;

    public Histogram TimeToFirstToken { get; } = new();

    public Histogram InterTokenGap { get; } = new();

    public ConcurrentDictionary<string, long> Errors { get; } = new();

    public int Held { get; set; }

    public long TokenFrames => Interlocked.Read(ref _tokenFrames);

    /// <summary>Token frames received before the measurement window closed (throughput counts only these).</summary>
    public long TokenFramesInWindow => Interlocked.Read(ref _tokenFramesInWindow);

    public long Turns => Interlocked.Read(ref _turns);

    public long ErrorCount => Errors.Values.Sum();

    /// <summary>Stopwatch timestamp after which token frames no longer count towards throughput.</summary>
    public void CloseWindowAt(long timestamp) => Interlocked.Exchange(ref _windowEnd, timestamp);

    public void RecordToken(long timestamp)
    {
        Interlocked.Increment(ref _tokenFrames);
        if (timestamp <= Interlocked.Read(ref _windowEnd))
        {
            Interlocked.Increment(ref _tokenFramesInWindow);
        }
    }

    public void RecordTurn() => Interlocked.Increment(ref _turns);

    public void RecordError(string reason) => Errors.AddOrUpdate(Shorten(reason), 1, (_, n) => n + 1);

    public WorkerReport ToReport() => new()
    {
        Held = Held,
        TokenFrames = TokenFrames,
        TokenFramesInWindow = TokenFramesInWindow,
        Turns = Turns,
        TimeToFirstToken = TimeToFirstToken.ToBuckets(),
        InterTokenGap = InterTokenGap.ToBuckets(),
        Errors = new Dictionary<string, long>(Errors),
    };

    public void Add(WorkerReport report)
    {
        Held += report.Held;
        Interlocked.Add(ref _tokenFrames, report.TokenFrames);
        Interlocked.Add(ref _tokenFramesInWindow, report.TokenFramesInWindow);
        Interlocked.Add(ref _turns, report.Turns);
        TimeToFirstToken.Add(Histogram.FromBuckets(report.TimeToFirstToken));
        InterTokenGap.Add(Histogram.FromBuckets(report.InterTokenGap));
        foreach (var (reason, count) in report.Errors ?? [])
        {
            Errors.AddOrUpdate(reason, count, (_, n) => n + count);
        }
    }

    // Error texts carry ids and addresses; keep the part that groups them.
    private static string Shorten(string reason) => reason.Length <= 80 ? reason : reason[..80];
}
