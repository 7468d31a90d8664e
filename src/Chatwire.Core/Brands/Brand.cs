namespace Chatwire.Core.Brands;

/// <summary>A brand pack loaded from <c>brands/&lt;id&gt;/</c>: who answers, what it knows, what it sells.</summary>
public sealed record Brand
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public bool Active { get; init; } = true;

    /// <summary>ISO 639-1 code of the language the brand speaks first ("en", "id").</summary>
    public string DefaultLanguage { get; init; } = "en";

    public IReadOnlyList<string> Languages { get; init; } = ["en"];

    /// <summary>ISO 4217 code prices are in ("IDR", "USD").</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Welcome text by language code.</summary>
    public IReadOnlyDictionary<string, string> Welcome { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<BrandAgent> Agents { get; init; } = [];

    /// <summary>The agent that answers when no other fits.</summary>
    public required string DefaultAgent { get; init; }

    public IReadOnlyList<Product> Products { get; init; } = [];

    public IReadOnlyList<KnowledgePassage> Passages { get; init; } = [];

    public string WelcomeIn(string language) =>
        Welcome.TryGetValue(language, out var text) ? text
        : Welcome.TryGetValue(DefaultLanguage, out text) ? text
        : $"Welcome to {Name}! How can I help you today?";
}
