namespace Chatwire.Storage.Usage;

/// <summary>A user's credit balance, in millionths of a credit so both providers add and compare it exactly in SQL.</summary>
public sealed class CreditAccount
{
    public required string UserId { get; init; }
    public long BalanceMicros { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
