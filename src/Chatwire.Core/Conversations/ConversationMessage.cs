namespace Chatwire.Core.Conversations;

/// <summary>One stored message. An assistant message is written when its answer starts and again when it ends.</summary>
public sealed class ConversationMessage
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required MessageRole Role { get; init; }
    public string Content { get; set; } = "";
    public MessageStatus Status { get; set; }
    public string? Model { get; set; }
    public string? Agent { get; set; }
    public double? Confidence { get; set; }

    /// <summary>Source documents the answer was grounded in.</summary>
    public List<string> Sources { get; set; } = [];

    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }

    /// <summary>For a regenerated answer: the assistant message it replaces (both are kept).</summary>
    public string? ReplacesMessageId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The owner's change cursor at this message's latest write, assigned by the store. Every write
    /// of any message of one owner takes the next number, and a number becomes visible only after
    /// every smaller one has (see <see cref="IChatStore.ListChangesAsync"/>), so "changes after N" misses nothing.
    /// </summary>
    public long Revision { get; set; }

    /// <summary>The owner's change cursor when this message was first stored: tells "created" from "updated" since a cursor.</summary>
    public long CreatedRevision { get; set; }
}

public enum MessageRole
{
    User,
    Assistant,
    System,
}

public enum MessageStatus
{
    Streaming,
    Complete,
    Cancelled,
    Error,
}
