using Chatwire.Core.Usage;

namespace Chatwire.Core.Turns;

/// <summary>
/// What every wire turns its frames into: one user message to answer. Fields a wire does not
/// carry stay null and the engine applies its defaults.
/// </summary>
public sealed record TurnRequest
{
    public required ChatIdentity Identity { get; init; }

    /// <summary>The user's text; validated by the engine (empty, too long).</summary>
    public required string Message { get; init; }

    /// <summary>Continue this conversation; null starts a new one. An unknown id starts a conversation with that id.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Which brand answers; null means the configured default brand.</summary>
    public string? BrandId { get; init; }

    /// <summary>Which configured model answers; null means the default model.</summary>
    public string? Model { get; init; }

    /// <summary>Sampling temperature, 0..2; null means the provider's default.</summary>
    public double? Temperature { get; init; }

    /// <summary>A client-side customer or user reference stored with a new conversation (seed 002 customer_id, seed 004 user_id).</summary>
    public string? CustomerId { get; init; }

    /// <summary>Voice mode: one short sentence, no lists or markdown, numbers spelled for speech.</summary>
    public bool Voice { get; init; }

    /// <summary>The wire the request came from, for logs and notifications (ws-chat, sse-v1, socketio, rest...).</summary>
    public string Wire { get; init; } = "unknown";

    /// <summary>Regenerate this assistant message instead of answering a new user message; Message is then ignored.</summary>
    public string? RegenerateMessageId { get; init; }
}
