namespace Chatwire.Core.Brands;

/// <summary>A specialist a question can be routed to (seed 002: specs, maintenance, troubleshooting).</summary>
public sealed record BrandAgent
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";

    /// <summary>Words (English and Indonesian) that signal this agent's domain.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>The system prompt an LLM provider gets for this agent.</summary>
    public string SystemPrompt { get; init; } = "";
}
