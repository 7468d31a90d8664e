namespace Chatwire.Core.Brands;

/// <summary>A catalogue item; the fields are those of seed 004's suggested_products.</summary>
public sealed record Product
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    public decimal Price { get; init; }
    public IReadOnlyList<string> Features { get; init; } = [];
    public IReadOnlyDictionary<string, string> Specifications { get; init; } = new Dictionary<string, string>();
    public bool Availability { get; init; } = true;

    /// <summary>Uses the product suits ("business", "gaming", "students"); ranking only, not sent on the wire.</summary>
    public IReadOnlyList<string> UseCases { get; init; } = [];
}
