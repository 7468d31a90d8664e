using Microsoft.Extensions.Options;

namespace Chatwire.Core.Usage;

/// <summary>What a caller has used and has left, for every wire's <c>usage_info</c>.</summary>
public sealed class UsageAccounts(IUsageStore store, IOptions<UsageOptions> options, TimeProvider time)
{
    public UsageOptions Options { get; } = options.Value;

    /// <summary>Quotas count per UTC day.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public DateTimeOffset ResetsAt => new(Today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public async Task<UsageSnapshot> GetAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        identity.IsAnonymous
            ? Anonymous(await store.GetAnonymousMessagesAsync(identity.Id, Today, cancellationToken))
            : User(await store.GetBalanceAsync(identity.Id, Options.StartingBalance, cancellationToken));

    public UsageSnapshot Anonymous(int used) => new()
    {
        IsAnonymous = true,
        Used = used,
        Limit = Options.AnonymousDailyMessages,
        Remaining = Math.Max(0, Options.AnonymousDailyMessages - used),
        ResetsAt = ResetsAt,
    };

    public static UsageSnapshot User(decimal balance, decimal? charged = null) => new()
    {
        IsAnonymous = false,
        Balance = balance,
        Charged = charged,
    };
}
