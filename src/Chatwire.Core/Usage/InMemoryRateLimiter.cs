using System.Collections.Concurrent;

namespace Chatwire.Core.Usage;

/// <summary>
/// Fixed windows per key in memory. A window starts with a key's first request, so a client gets
/// its full allowance from then, and Retry-After is exactly the rest of its window.
/// </summary>
public sealed class InMemoryRateLimiter(TimeProvider time) : IRateLimiter
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private int _calls;

    public RateLimitDecision TryAcquire(string key, int permitLimit, TimeSpan window)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _calls) % SweepEvery == 0)
        {
            Sweep(now);
        }

        var entry = _windows.GetOrAdd(key, static (_, start) => new Window(start), now);
        lock (entry)
        {
            if (now >= entry.Start + window)
            {
                entry.Start = now;
                entry.Count = 0;
            }

            entry.Ends = entry.Start + window;
            if (entry.Count >= permitLimit)
            {
                return new RateLimitDecision(false, entry.Ends - now);
            }

            entry.Count++;
            return RateLimitDecision.Allow;
        }
    }

    /// <summary>Forgets windows that ended, so one-off keys do not accumulate.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _windows)
        {
            if (now >= entry.Ends)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, entry));
            }
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;
        public DateTimeOffset Ends { get; set; } = DateTimeOffset.MaxValue;
        public int Count { get; set; }
    }
}
