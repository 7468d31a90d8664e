using System.Text;

namespace Chatwire.Core.Turns;

/// <summary>What a running turn has produced so far.</summary>
internal sealed class TurnState
{
    public StringBuilder Text { get; } = new();
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }
    public int PromptCharacters { get; set; }
    public Exception? Error { get; set; }
    public bool Finished { get; set; }
    public string Agent { get; set; } = "";
    public double Confidence { get; set; }
    public IReadOnlyList<string> Sources { get; set; } = [];
    public string Language { get; set; } = "en";
    public Brands.ProductSuggestions Products { get; set; } = Brands.ProductSuggestions.None;

    /// <summary>Usage as the provider reported it, else estimated at four characters a token.</summary>
    public TokenUsage Usage => new(
        PromptTokens ?? (PromptCharacters + 3) / 4,
        CompletionTokens ?? (Text.Length + 3) / 4);
}
