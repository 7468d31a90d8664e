using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Brands;

/// <summary>
/// Suggests up to three catalogue products for a shopping question (seed 004's suggested_products).
/// Categories and budgets are hard filters, uses ("gaming", "kuliah") a strong preference, and the
/// rest of the message is matched with BM25 against names, descriptions, features and
/// specifications. Available products always come before unavailable ones. A message that is not
/// about shopping (no category, use, budget, price order, product name or shopping word with a
/// matching product) gets <see cref="ProductSuggestions.None"/>.
/// </summary>
public sealed class CatalogProductRecommender : IProductRecommender
{
    public const int MaxSuggestions = 3;

    /// <summary>A product name word counts as "asking about this product" only at this relevance or more.</summary>
    public const double NamedProductRelevance = 0.4;

    /// <summary>A shopping word alone ("recommend something good") needs a product matching this well.</summary>
    public const double ShoppingWordRelevance = 0.3;

    /// <summary>Added to a product's relevance when it suits a use the shopper named.</summary>
    public const double UseBoost = 0.5;

    private readonly PerBrandCache<ProductCatalogIndex> _catalogs = new(brand => new ProductCatalogIndex(brand));

    public ProductSuggestions Recommend(Brand brand, string message, string language)
    {
        if (brand.Products.Count == 0)
        {
            return ProductSuggestions.None;
        }

        var request = ShoppingRequest.Parse(message, language, brand.Currency);
        var catalog = _catalogs.For(brand);
        var relevance = Relevance(catalog, request.Terms);
        if (!IsAboutProducts(request, catalog, relevance))
        {
            return ProductSuggestions.None;
        }

        var candidates = new List<Candidate>();
        for (var i = 0; i < catalog.Products.Count; i++)
        {
            var product = catalog.Products[i];
            var suitsUse = request.Uses.Count > 0 && request.Uses.Overlaps(catalog.Uses[i]);
            if ((request.Categories.Count > 0 && !request.Categories.Contains(catalog.Categories[i]))
                || !request.Budget.Allows(product.Price)
                || (request.Terms.Count > 0 && relevance[i] == 0 && !suitsUse))
            {
                continue;
            }

            candidates.Add(new Candidate(i, product, relevance[i], suitsUse));
        }

        // A named use narrows the choice whenever something suits it ("cheapest gaming laptop" is
        // the cheapest of the gaming ones), and so does a named thing ("Sony headphones" is not
        // any pair of headphones), but neither empties the list on its own.
        if (candidates.Exists(c => c.SuitsUse))
        {
            candidates.RemoveAll(c => !c.SuitsUse);
        }

        if (request.ContentTerms.Count > 0)
        {
            var content = Relevance(catalog, request.ContentTerms);
            if (candidates.Exists(c => content[c.Index] > 0))
            {
                candidates.RemoveAll(c => content[c.Index] == 0 && !c.SuitsUse);
            }
        }

        if (candidates.Count == 0)
        {
            return ProductSuggestions.None;
        }

        candidates.Sort((x, y) => Compare(x, y, request.PriceOrder));
        var top = candidates[0];
        var products = candidates.Take(MaxSuggestions).Select(c => c.Product).ToArray();
        return new ProductSuggestions(products, Confidence(request, top));
    }

    private static double[] Relevance(ProductCatalogIndex catalog, IReadOnlyList<string> terms)
    {
        var count = catalog.Products.Count;
        var scores = new double[count];
        var matched = new double[count];
        catalog.Index.Score(terms, scores, matched);
        var total = QueryRelevance.TotalWeight(catalog.Index, terms);
        for (var i = 0; i < count; i++)
        {
            scores[i] = QueryRelevance.Of(scores[i], matched[i], total);
        }

        return scores;
    }

    private static bool IsAboutProducts(ShoppingRequest request, ProductCatalogIndex catalog, double[] relevance)
    {
        if (request.HasConstraint)
        {
            return true;
        }

        for (var i = 0; i < relevance.Length; i++)
        {
            if ((relevance[i] >= NamedProductRelevance && NamesProduct(catalog.NameTerms[i], request.Terms))
                || (request.HasShoppingWord && relevance[i] >= ShoppingWordRelevance))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name word that is not just a number ("15" is in too many names and budgets).</summary>
    private static bool NamesProduct(IReadOnlySet<string> nameTerms, IReadOnlyList<string> terms)
    {
        foreach (var term in terms)
        {
            if (nameTerms.Contains(term) && term.Any(char.IsLetter))
            {
                return true;
            }
        }

        return false;
    }

    private static int Compare(Candidate x, Candidate y, int priceOrder)
    {
        if (x.Product.Availability != y.Product.Availability)
        {
            return x.Product.Availability ? -1 : 1;
        }

        if (priceOrder != 0)
        {
            var byPrice = priceOrder < 0 ? x.Product.Price.CompareTo(y.Product.Price) : y.Product.Price.CompareTo(x.Product.Price);
            if (byPrice != 0)
            {
                return byPrice;
            }
        }

        var byMatch = y.Rank.CompareTo(x.Rank);
        return byMatch != 0 ? byMatch : x.Product.Price.CompareTo(y.Product.Price);
    }

    /// <summary>
    /// 0.35 + 0.6 × the mean of what the top product satisfies: named category and budget (1, they
    /// are filters), named use (1 or 0) and text relevance; ×0.8 when it is out of stock.
    /// </summary>
    private static double Confidence(ShoppingRequest request, Candidate top)
    {
        var sum = 0.0;
        var count = 0;
        if (request.Categories.Count > 0)
        {
            sum += 1;
            count++;
        }

        if (request.Budget.IsSet)
        {
            sum += 1;
            count++;
        }

        if (request.Uses.Count > 0)
        {
            sum += top.SuitsUse ? 1 : 0;
            count++;
        }

        if (request.Terms.Count > 0)
        {
            sum += top.Relevance;
            count++;
        }

        var confidence = 0.35 + (0.6 * (count == 0 ? 0.25 : sum / count));
        if (!top.Product.Availability)
        {
            confidence *= 0.8;
        }

        return Math.Round(confidence, 2);
    }

    private sealed record Candidate(int Index, Product Product, double Relevance, bool SuitsUse)
    {
        public double Rank => Relevance + (SuitsUse ? UseBoost : 0);
    }
}
