using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Brands;

/// <summary>What a message asks of the catalogue: categories, uses, budget, price order, and the remaining search terms.</summary>
internal sealed record ShoppingRequest
{
    public required IReadOnlySet<string> Categories { get; init; }
    public required IReadOnlySet<string> Uses { get; init; }
    public required Budget Budget { get; init; }

    /// <summary>-1 cheapest first, +1 most expensive first, 0 by match.</summary>
    public required int PriceOrder { get; init; }

    /// <summary>True when the message uses a shopping word ("buy", "recommend", "harga").</summary>
    public required bool HasShoppingWord { get; init; }

    /// <summary>Search terms (English stems) for the product index, canonical category and use names included.</summary>
    public required IReadOnlyList<string> Terms { get; init; }

    /// <summary>The search terms other than category and use names: what the shopper named besides the kind of product.</summary>
    public required IReadOnlyList<string> ContentTerms { get; init; }

    /// <summary>True when the message names a category, a use, a budget or a price order.</summary>
    public bool HasConstraint => Categories.Count > 0 || Uses.Count > 0 || Budget.IsSet || PriceOrder != 0;

    public static ShoppingRequest Parse(string message, string language, string currency)
    {
        var budget = BudgetParser.Parse(message, currency, out var remainder);
        var categories = new HashSet<string>(StringComparer.Ordinal);
        var uses = new HashSet<string>(StringComparer.Ordinal);
        var priceOrder = 0;
        var shopping = false;
        var text = new List<string>();
        var content = new List<string>();
        foreach (var word in TextTokenizer.Words(remainder))
        {
            if (ShoppingVocabulary.Categories.TryGetValue(word, out var category)
                || (language == "id" && ShoppingVocabulary.IndonesianOnlyCategories.TryGetValue(word, out category)))
            {
                categories.Add(category);
                text.Add(category);
            }
            else if (ShoppingVocabulary.Uses.TryGetValue(word, out var use))
            {
                uses.Add(use);
                text.Add(use);
            }
            else if (ShoppingVocabulary.Cheapest.Contains(word))
            {
                priceOrder = -1;
            }
            else if (ShoppingVocabulary.MostExpensive.Contains(word))
            {
                priceOrder = 1;
            }
            else if (ShoppingVocabulary.Intent.Contains(word))
            {
                shopping = true;
            }
            else
            {
                text.Add(word);
                content.Add(word);
            }
        }

        var terms = SearchTerms(text);
        return new ShoppingRequest
        {
            Categories = categories,
            Uses = uses,
            Budget = budget,
            PriceOrder = priceOrder,
            HasShoppingWord = shopping,
            Terms = terms,
            ContentTerms = SearchTerms(content),
        };
    }

    /// <summary>Product data is English: stem the English way; stop words of both languages still go.</summary>
    private static List<string> SearchTerms(List<string> words) => TextTokenizer.DistinctTerms(string.Join(' ', words), "en");
}
