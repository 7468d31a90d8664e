namespace Chatwire.Core.Usage;

/// <summary>
/// What a caller has used and has left. Anonymous callers have a daily message quota
/// (Used, Limit, Remaining, ResetsAt); users have a credit balance.
/// </summary>
public sealed record UsageSnapshot
{
    public required bool IsAnonymous { get; init; }
    public int? Used { get; init; }
    public int? Limit { get; init; }
    public int? Remaining { get; init; }
    public DateTimeOffset? ResetsAt { get; init; }
    public decimal? Balance { get; init; }

    /// <summary>What the turn that produced this snapshot cost, for users.</summary>
    public decimal? Charged { get; init; }
}
