using Chatwire.Core.Turns;
using Microsoft.Extensions.Options;

namespace Chatwire.Core.Usage;

/// <summary>
/// Requests per identity and window, on every wire because every wire's turns pass here. Users are
/// counted by user id; anonymous visitors by anon id together with their network address.
/// </summary>
public sealed class RateLimitPolicy(IRateLimiter limiter, IOptions<RateLimitOptions> options) : ITurnPolicy
{
    private readonly RateLimitOptions _options = options.Value;

    public ValueTask<TurnRejection?> AdmitAsync(TurnAdmission turn, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return ValueTask.FromResult<TurnRejection?>(null);
        }

        var identity = turn.Identity;
        var (key, limit) = identity.IsAnonymous
            ? ($"{identity.Key}@{identity.ClientAddress}", _options.AnonymousRequests)
            : (identity.Key, _options.AuthenticatedRequests);
        var decision = limiter.TryAcquire(key, limit, _options.Window);
        if (decision.Allowed)
        {
            return ValueTask.FromResult<TurnRejection?>(null);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        return ValueTask.FromResult<TurnRejection?>(new TurnRejection(ErrorCodes.RateLimited,
            $"Too many requests: {limit} per {_options.Window.TotalMinutes:0.##} minutes. Try again in {seconds} seconds.")
        {
            RetryAfter = decision.RetryAfter,
        });
    }

    public ValueTask<UsageSnapshot?> SettleAsync(TurnSettlement turn, CancellationToken cancellationToken) =>
        ValueTask.FromResult<UsageSnapshot?>(null);
}
