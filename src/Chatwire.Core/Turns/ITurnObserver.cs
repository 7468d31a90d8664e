using Chatwire.Core.Conversations;
using Chatwire.Core.Usage;

namespace Chatwire.Core.Turns;

/// <summary>
/// Hears every admitted turn start and finish, whatever wire runs it, so cross-connection
/// notifications (message created/updated, assistant typing, usage) need no adapter code.
/// Observers must not throw for ordinary failures; the engine logs and ignores those that do.
/// </summary>
public interface ITurnObserver
{
    /// <summary>The turn's start is stored: the new conversation (if any), user message (if stored now) and assistant placeholder.</summary>
    ValueTask TurnStartedAsync(TurnNotice turn, CancellationToken cancellationToken);

    /// <summary>The assistant message is stored with its final status and usage is settled.</summary>
    ValueTask TurnFinishedAsync(TurnNotice turn, UsageSnapshot? usage, CancellationToken cancellationToken);

    /// <summary>A limit (quota, balance, rate) refused a turn before anything was stored.</summary>
    ValueTask TurnRefusedAsync(ChatIdentity identity, string wire, TurnRejection rejection, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}

/// <summary>What observers learn about a turn. The messages carry the revisions the store assigned.</summary>
public sealed record TurnNotice(
    ChatIdentity Identity,
    string StreamId,
    string Wire,
    Conversation? NewConversation,
    ConversationMessage? UserMessage,
    ConversationMessage AssistantMessage);
