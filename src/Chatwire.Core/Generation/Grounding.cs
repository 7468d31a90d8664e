using Chatwire.Core.Brands;
using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Generation;

/// <summary>
/// What the engine found before generating: the agent, the passages, the products, the language.
/// LLM providers get it rendered into the prompt; the offline responder composes its answer from it.
/// It travels to an <see cref="Microsoft.Extensions.AI.IChatClient"/> in
/// <c>ChatOptions.AdditionalProperties[<see cref="OptionsKey"/>]</c>.
/// </summary>
public sealed record Grounding
{
    public const string OptionsKey = "chatwire.grounding";

    /// <summary>
    /// A provider that knows which documents its answer drew on reports them (an
    /// <c>IReadOnlyList&lt;string&gt;</c>) in a response update's <c>AdditionalProperties</c> under this key.
    /// </summary>
    public const string SourcesKey = "chatwire.sources";

    public required Brand Brand { get; init; }
    public required BrandAgent Agent { get; init; }
    public required string Language { get; init; }
    public required IReadOnlyList<RetrievedPassage> Passages { get; init; }
    public ProductSuggestions Products { get; init; } = ProductSuggestions.None;
    public bool Voice { get; init; }
}
