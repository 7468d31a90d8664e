using Chatwire.Core.Brands;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// A brand's passages tokenised and indexed once. Each passage is indexed as its title twice
/// (a heading names the topic, so its words weigh more) followed by its text, each passage in
/// its own language.
/// </summary>
public sealed class BrandKnowledgeIndex
{
    // 8 KB of stack for both score spans at most.
    private const int MaxStackPassages = 512;

    private readonly Bm25Index _index;

    public BrandKnowledgeIndex(Brand brand)
    {
        Brand = brand;
        var documents = new IReadOnlyList<string>[brand.Passages.Count];
        for (var i = 0; i < documents.Length; i++)
        {
            var passage = brand.Passages[i];
            var title = TextTokenizer.Tokenize(passage.Title, passage.Language);
            var terms = new List<string>(title.Count * 2);
            terms.AddRange(title);
            terms.AddRange(title);
            terms.AddRange(TextTokenizer.Tokenize(passage.Text, passage.Language));
            documents[i] = terms;
        }

        _index = new Bm25Index(documents);
        Topics = new TopicVocabulary(brand);
    }

    /// <summary>The brand this index was built from.</summary>
    public Brand Brand { get; }

    public Bm25Index Index => _index;

    /// <summary>The brand's topic and category words, which weight a query's terms.</summary>
    public TopicVocabulary Topics { get; }

    /// <summary>
    /// Every passage sharing at least one term with the query, in passage order, with its score and
    /// relevance; terms weighted by <see cref="TopicVocabulary.Weights"/>.
    /// </summary>
    public List<PassageMatch> Match(IReadOnlyList<string> distinctTerms)
    {
        var count = _index.DocumentCount;
        if (distinctTerms.Count == 0 || count == 0)
        {
            return [];
        }

        // Every question scores every passage twice (routing, then retrieval): a brand's few hundred
        // passages fit on the stack rather than in two arrays per call.
        Span<double> scores = count <= MaxStackPassages ? stackalloc double[count] : new double[count];
        Span<double> matched = count <= MaxStackPassages ? stackalloc double[count] : new double[count];
        scores.Clear();
        matched.Clear();
        var weights = Topics.Weights(distinctTerms);
        _index.Score(distinctTerms, weights, scores, matched);
        var total = QueryRelevance.TotalWeight(_index, distinctTerms, weights);
        var matches = new List<PassageMatch>(count - scores.Count(0.0));
        for (var i = 0; i < count; i++)
        {
            if (scores[i] > 0)
            {
                matches.Add(new PassageMatch(Brand.Passages[i], scores[i], QueryRelevance.Of(scores[i], matched[i], total)));
            }
        }

        return matches;
    }

    /// <summary>Distinct search terms of a query, in first-seen order.</summary>
    public static List<string> QueryTerms(string query, string language) => TextTokenizer.DistinctTerms(query, language);
}

/// <summary>A passage's raw BM25 score and its query-independent relevance (see <see cref="QueryRelevance"/>).</summary>
public readonly record struct PassageMatch(KnowledgePassage Passage, double Score, double Relevance);
