namespace Chatwire.Storage.Usage;

/// <summary>
/// One change to a balance: a grant, or the charge for one assistant message. The unique
/// <see cref="MessageId"/> is what makes a charge happen at most once.
/// </summary>
public sealed class CreditEntry
{
    public required string Id { get; init; }
    public required string UserId { get; init; }

    /// <summary>Positive for grants, negative for charges (the price asked, before any floor at zero).</summary>
    public long AmountMicros { get; init; }

    /// <summary>"grant" or "charge".</summary>
    public required string Kind { get; init; }

    public string? MessageId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
