namespace Chatwire.Core.Generation;

/// <summary>A model clients can ask for by name: which provider answers and what it costs.</summary>
public sealed class ModelDefinition
{
    /// <summary>The name clients send (seed 001's <c>model</c> field).</summary>
    public string Name { get; set; } = "";

    /// <summary>Other names that resolve to this model.</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>The provider that answers: a key of <see cref="GenerationOptions.Providers"/>, or "offline".</summary>
    public string Provider { get; set; } = GenerationOptions.OfflineProvider;

    /// <summary>The model id sent upstream; defaults to <see cref="Name"/>.</summary>
    public string? UpstreamModel { get; set; }

    /// <summary>Credits charged per 1,000 prompt tokens.</summary>
    public decimal PromptPricePer1K { get; set; }

    /// <summary>Credits charged per 1,000 completion tokens.</summary>
    public decimal CompletionPricePer1K { get; set; }

    public decimal PriceOf(int promptTokens, int completionTokens) =>
        ((promptTokens * PromptPricePer1K) + (completionTokens * CompletionPricePer1K)) / 1000m;
}
