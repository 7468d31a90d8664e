using Chatwire.Core.Brands;
using Chatwire.Core.Usage;

namespace Chatwire.Core.Turns;

/// <summary>
/// One event of a turn. Every event carries the turn's stream id and a sequence number from 0,
/// so a client can resume from the last one it saw. Wire adapters map these to their frames.
/// </summary>
public abstract record ChatEvent(string StreamId, int Sequence);

/// <summary>The request passed validation and limits; the user message is stored.</summary>
public sealed record TurnStarted(
    string StreamId,
    int Sequence,
    string ConversationId,
    string UserMessageId,
    string AssistantMessageId,
    string BrandId,
    string Model,
    bool IsRegeneration) : ChatEvent(StreamId, Sequence);

/// <summary>A pipeline step began: see <see cref="ProgressSteps"/>.</summary>
public sealed record TurnProgress(string StreamId, int Sequence, string Step, string Text) : ChatEvent(StreamId, Sequence);

/// <summary>A piece of generated text.</summary>
public sealed record TurnDelta(string StreamId, int Sequence, string Text) : ChatEvent(StreamId, Sequence);

/// <summary>The answer is done and stored.</summary>
public sealed record TurnCompleted(string StreamId, int Sequence, TurnResult Result) : ChatEvent(StreamId, Sequence);

/// <summary>The turn is over with an error; <see cref="Code"/> is one of <see cref="ErrorCodes"/>, the message safe to show.</summary>
public sealed record TurnFailed(string StreamId, int Sequence, string Code, string Message) : ChatEvent(StreamId, Sequence)
{
    /// <summary>For rate limits: how long until a retry can succeed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when the request was refused before anything was stored.</summary>
    public bool Rejected { get; init; }
}

/// <summary>The caller's usage changed (after a charge), or was asked for.</summary>
public sealed record UsageChanged(string StreamId, int Sequence, UsageSnapshot Usage) : ChatEvent(StreamId, Sequence);

/// <summary>Everything known about a finished answer.</summary>
public sealed record TurnResult
{
    public required string ConversationId { get; init; }
    public required string UserMessageId { get; init; }
    public required string AssistantMessageId { get; init; }
    public required string Text { get; init; }
    public required string Model { get; init; }
    public required string Agent { get; init; }
    public required double Confidence { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
    public required string Language { get; init; }
    public IReadOnlyList<Product> SuggestedProducts { get; init; } = [];

    /// <summary>Match confidence of <see cref="SuggestedProducts"/>, null when nothing is suggested.</summary>
    public double? ProductConfidence { get; init; }

    public required TokenUsage Usage { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public readonly record struct TokenUsage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>The step names of <see cref="TurnProgress"/>, as seed 002 spells them.</summary>
public static class ProgressSteps
{
    public const string Starting = "starting";
    public const string AgentRouting = "agent_routing";
    public const string RagRetrieval = "rag_retrieval";
    public const string Generating = "generating";
}
