namespace Chatwire.Storage.Usage;

/// <summary>Messages an anonymous visitor sent on <see cref="Day"/> (yyyyMMdd, UTC); the row is reused the next day.</summary>
public sealed class AnonymousQuota
{
    public required string AnonId { get; init; }
    public int Day { get; set; }
    public int Used { get; set; }
}
