namespace Chatwire.Core.Usage;

/// <summary>
/// Counts requests per key in a time window. The default keeps counts in this process's memory
/// (<see cref="InMemoryRateLimiter"/>): with several nodes each enforces the limit on its own, so
/// a client spread over N nodes gets up to N times the limit. A shared implementation can replace it.
/// </summary>
public interface IRateLimiter
{
    RateLimitDecision TryAcquire(string key, int permitLimit, TimeSpan window);
}

/// <summary>Whether a request may go ahead; when not, how long until one can.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);
}
