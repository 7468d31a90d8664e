namespace Chatwire.Core.Brands;

/// <summary>One retrievable passage: a <c>## heading</c> section of a brand's knowledge file.</summary>
public sealed record KnowledgePassage
{
    /// <summary>Stable id: <c>source#index</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The document it came from, as answers cite it ("spec-sheet.md").</summary>
    public required string Source { get; init; }

    public required string Title { get; init; }
    public required string Text { get; init; }

    /// <summary>"en" or "id".</summary>
    public required string Language { get; init; }

    /// <summary>The agent whose domain the document belongs to, when its front matter names one.</summary>
    public string? Agent { get; init; }
}
