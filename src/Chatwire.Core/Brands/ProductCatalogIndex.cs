using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Brands;

/// <summary>
/// A brand's products as BM25 documents: name three times, category and uses twice (they are
/// what shoppers ask by), then description, features and specification values. Categories and
/// uses are also kept in canonical form for filtering.
/// </summary>
internal sealed class ProductCatalogIndex
{
    public ProductCatalogIndex(Brand brand)
    {
        Products = brand.Products;
        Categories = new string[Products.Count];
        Uses = new IReadOnlySet<string>[Products.Count];
        NameTerms = new IReadOnlySet<string>[Products.Count];
        var documents = new IReadOnlyList<string>[Products.Count];
        for (var i = 0; i < Products.Count; i++)
        {
            var product = Products[i];
            var category = product.Category.ToLowerInvariant();
            Categories[i] = ShoppingVocabulary.Categories.GetValueOrDefault(category, category);
            Uses[i] = product.UseCases
                .Select(use => use.ToLowerInvariant())
                .Select(use => ShoppingVocabulary.Uses.GetValueOrDefault(use, use))
                .ToHashSet(StringComparer.Ordinal);

            var name = Terms(product.Name);
            NameTerms[i] = name.ToHashSet(StringComparer.Ordinal);
            var categoryAndUses = Terms(string.Join(' ', [Categories[i], .. Uses[i], .. product.UseCases]));
            var terms = new List<string>();
            terms.AddRange(name);
            terms.AddRange(name);
            terms.AddRange(name);
            terms.AddRange(categoryAndUses);
            terms.AddRange(categoryAndUses);
            terms.AddRange(Terms(product.Description));
            terms.AddRange(Terms(string.Join(' ', product.Features)));
            terms.AddRange(Terms(string.Join(' ', product.Specifications.Values)));
            documents[i] = terms;
        }

        Index = new Bm25Index(documents);
    }

    public IReadOnlyList<Product> Products { get; }

    public Bm25Index Index { get; }

    /// <summary>Canonical category per product ("laptop", "phone", "accessories").</summary>
    public string[] Categories { get; }

    /// <summary>Canonical uses per product ("business", "gaming", "students").</summary>
    public IReadOnlySet<string>[] Uses { get; }

    /// <summary>Search terms of each product's name, to tell "asks about this product" from "asks about anything".</summary>
    public IReadOnlySet<string>[] NameTerms { get; }

    private static List<string> Terms(string text) => TextTokenizer.Tokenize(text, "en");
}
