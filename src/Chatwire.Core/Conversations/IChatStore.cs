namespace Chatwire.Core.Conversations;

/// <summary>
/// The storage port. The engine writes a turn twice: once when it starts (user message and the
/// assistant placeholder) and once when it ends; never per token.
/// </summary>
public interface IChatStore
{
    Task<Conversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken);

    Task<ConversationMessage?> FindMessageAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// The last <paramref name="count"/> complete messages of a conversation created before
    /// <paramref name="before"/> (all when null), oldest first, leaving out answers a regeneration replaced.
    /// </summary>
    Task<IReadOnlyList<ConversationMessage>> GetContextAsync(string conversationId, int count, DateTimeOffset? before, CancellationToken cancellationToken);

    /// <summary>Stores a turn's start in one transaction: the new conversation (if any), the user message (if any), the assistant placeholder.</summary>
    Task BeginTurnAsync(Conversation? newConversation, ConversationMessage? userMessage, ConversationMessage assistantMessage, CancellationToken cancellationToken);

    /// <summary>Stores the assistant message's final content and status and touches its conversation.</summary>
    Task FinishTurnAsync(ConversationMessage assistantMessage, CancellationToken cancellationToken);

    Task<PagedList<Conversation>> ListConversationsAsync(string ownerKey, int page, int limit, CancellationToken cancellationToken);

    Task<PagedList<ConversationMessage>> ListMessagesAsync(string conversationId, int page, int limit, CancellationToken cancellationToken);

    /// <summary>True when the database answers.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

/// <summary>One page of a list; <see cref="Page"/> counts from 1.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int Limit, int Total);
