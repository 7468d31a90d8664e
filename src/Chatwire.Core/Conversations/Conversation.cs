namespace Chatwire.Core.Conversations;

/// <summary>A chat: a sequence of messages owned by one identity.</summary>
public sealed class Conversation
{
    public required string Id { get; init; }

    /// <summary><see cref="Usage.ChatIdentity.Key"/> of the owner.</summary>
    public required string OwnerKey { get; init; }

    public required string BrandId { get; set; }
    public string? Title { get; set; }
    public string? Model { get; set; }

    /// <summary>The client's own customer or user reference, when it sent one.</summary>
    public string? CustomerId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
