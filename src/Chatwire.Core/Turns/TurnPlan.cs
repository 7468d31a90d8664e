using Chatwire.Core.Brands;
using Chatwire.Core.Conversations;
using Chatwire.Core.Generation;

namespace Chatwire.Core.Turns;

/// <summary>A validated request: everything needed to store the turn's start and generate.</summary>
internal sealed record TurnPlan
{
    public required Brand Brand { get; init; }
    public required ModelDefinition Model { get; init; }
    public required string Question { get; init; }
    public required string ConversationId { get; init; }

    /// <summary>Set when the turn starts a conversation.</summary>
    public Conversation? NewConversation { get; init; }

    /// <summary>The user message to store; null when regenerating an answer to a stored question.</summary>
    public ConversationMessage? UserMessage { get; init; }

    public required string UserMessageId { get; init; }
    public required IReadOnlyList<ConversationMessage> History { get; init; }

    /// <summary>The wire the request came from (for observers).</summary>
    public string Wire { get; init; } = "unknown";

    /// <summary>The assistant message a regeneration replaces.</summary>
    public string? ReplacesMessageId { get; init; }
}
