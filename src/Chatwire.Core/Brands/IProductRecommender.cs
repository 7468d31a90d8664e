namespace Chatwire.Core.Brands;

/// <summary>Ranks a brand's catalogue against what a shopper asked for.</summary>
public interface IProductRecommender
{
    /// <summary>Products to suggest, best first; empty with a null confidence when nothing fits.</summary>
    ProductSuggestions Recommend(Brand brand, string message, string language);
}

public sealed record ProductSuggestions(IReadOnlyList<Product> Products, double? Confidence)
{
    public static ProductSuggestions None { get; } = new([], null);
}
