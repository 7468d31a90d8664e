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

    /// <summary>The conversation's newest message of any status, or null when it has none.</summary>
    Task<ConversationMessage?> FindLatestMessageAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one message that is not part of a turn (a user message sent over the control channel),
    /// with the new conversation (if any), in one transaction; assigns its revisions.
    /// </summary>
    Task AppendMessageAsync(Conversation? newConversation, ConversationMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// The owner's messages written after revision <paramref name="since"/> (optionally of one
    /// conversation), each once in its latest state, in revision order, at most <paramref name="limit"/>.
    /// </summary>
    Task<ChangePage> ListChangesAsync(string ownerKey, string? conversationId, long since, int limit, CancellationToken cancellationToken);

    /// <summary>The owner's latest revision (0 before anything was stored): the cursor a new connection starts from.</summary>
    Task<long> GetRevisionAsync(string ownerKey, CancellationToken cancellationToken);

    /// <summary>Stores a turn's start in one transaction: the new conversation (if any), the user message (if any), the assistant placeholder; assigns their revisions.</summary>
    Task BeginTurnAsync(Conversation? newConversation, ConversationMessage? userMessage, ConversationMessage assistantMessage, CancellationToken cancellationToken);

    /// <summary>Stores the assistant message's final content and status, assigns its new revision, and touches its conversation.</summary>
    Task FinishTurnAsync(ConversationMessage assistantMessage, CancellationToken cancellationToken);

    /// <summary>
    /// Assistant answers still marked streaming that began before <paramref name="startedBefore"/>,
    /// oldest first, at most <paramref name="limit"/>: answers a server stopped streaming without
    /// finishing them, when the cutoff is one no live server can still be streaming before.
    /// </summary>
    Task<IReadOnlyList<ConversationMessage>> FindUnfinishedAnswersAsync(DateTimeOffset startedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>The owner's answers being generated now (still streaming), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ConversationMessage>> ListStreamingAnswersAsync(string ownerKey, int limit, CancellationToken cancellationToken);

    Task<PagedList<Conversation>> ListConversationsAsync(string ownerKey, int page, int limit, CancellationToken cancellationToken);

    Task<PagedList<ConversationMessage>> ListMessagesAsync(string conversationId, int page, int limit, CancellationToken cancellationToken);

    /// <summary>True when the database answers.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

/// <summary>Messages changed after a cursor; <see cref="Cursor"/> is the revision to ask from next time.</summary>
public sealed record ChangePage(IReadOnlyList<ConversationMessage> Items, long Cursor, bool HasMore);

/// <summary>One page of a list; <see cref="Page"/> counts from 1.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int Limit, int Total);
