using System.Collections.Frozen;
using Chatwire.Core.Brands;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// Which search terms name what a question is about. A brand's agent keywords are its declared
/// topics ("warranty", "garansi", "oil change"); the words for the product categories it sells
/// ("laptop", "ponsel") are not topics but objects: "laptop warranty" is a warranty question.
/// Everything else ("long", "lama", "vela") is context. When a question names a topic, context
/// and category words weigh <see cref="ContextTermWeight"/> of their IDF, so a word that happens
/// to be rare in the knowledge base cannot outvote the topic the question is asking about.
/// </summary>
public sealed class TopicVocabulary
{
    /// <summary>Weight of a non-topic term in a question that names a topic.</summary>
    public const double ContextTermWeight = 0.4;

    private readonly FrozenSet<string> _topics;
    private readonly FrozenSet<string> _categories;

    // Multi-word keywords ("phone number", "check engine"): their words are topics only together.
    private readonly string[][] _phrases;

    public TopicVocabulary(Brand brand)
    {
        _categories = CategoryTerms(brand);
        var topics = new HashSet<string>(StringComparer.Ordinal);
        var phrases = new List<string[]>();
        foreach (var agent in brand.Agents)
        {
            foreach (var keyword in agent.Keywords)
            {
                foreach (var stems in new[] { TextTokenizer.Tokenize(keyword, "en"), TextTokenizer.Tokenize(keyword, "id") })
                {
                    if (stems.Count == 1)
                    {
                        topics.Add(stems[0]);
                    }
                    else if (stems.Count > 1)
                    {
                        phrases.Add([.. stems]);
                    }
                }
            }
        }

        topics.ExceptWith(_categories);
        _topics = topics.ToFrozenSet(StringComparer.Ordinal);
        _phrases = [.. phrases];
    }

    /// <summary>True for a one-word keyword of any agent that is not a category word.</summary>
    public bool IsTopic(string term) => _topics.Contains(term);

    /// <summary>True for a word naming a product category this brand sells ("laptop", "ponsel").</summary>
    public bool IsCategory(string term) => _categories.Contains(term);

    /// <summary>Per-term weights for a query, in its term order: all 1 unless it names a topic.</summary>
    public double[] Weights(IReadOnlyList<string> distinctTerms)
    {
        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in distinctTerms)
        {
            if (IsTopic(term))
            {
                topics.Add(term);
            }
        }

        var present = distinctTerms.ToHashSet(StringComparer.Ordinal);
        foreach (var phrase in _phrases)
        {
            if (present.ContainsAll(phrase))
            {
                topics.UnionWith(phrase.Where(stem => !IsCategory(stem)));
            }
        }

        var weights = new double[distinctTerms.Count];
        for (var t = 0; t < weights.Length; t++)
        {
            weights[t] = topics.Count == 0 || topics.Contains(distinctTerms[t]) ? 1 : ContextTermWeight;
        }

        return weights;
    }

    // Only the categories in the catalogue: for a car maker without phones, "hp" is horsepower.
    private static FrozenSet<string> CategoryTerms(Brand brand)
    {
        var sold = brand.Products.Select(p => p.Category.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, category) in ShoppingVocabulary.Categories.Concat(ShoppingVocabulary.IndonesianOnlyCategories))
        {
            if (sold.Contains(category))
            {
                terms.UnionWith(TextTokenizer.Tokenize(word, "en"));
                terms.UnionWith(TextTokenizer.Tokenize(word, "id"));
            }
        }

        return terms.ToFrozenSet(StringComparer.Ordinal);
    }
}
