namespace Chatwire.Core.Retrieval;

/// <summary>
/// Classic Okapi BM25 over pre-tokenised documents (k1 = 1.2, b = 0.75), with the Lucene form of
/// IDF, ln(1 + (N − n + 0.5) / (n + 0.5)), which never goes negative for terms in most documents.
/// Immutable once built, so one instance is shared by every request for a brand.
/// </summary>
public sealed class Bm25Index
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    private readonly Dictionary<string, Posting[]> _postings;
    private readonly int[] _lengths;
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<IReadOnlyList<string>> documents)
    {
        _lengths = new int[documents.Count];
        var builder = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        for (var doc = 0; doc < documents.Count; doc++)
        {
            counts.Clear();
            foreach (var term in documents[doc])
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }

            foreach (var (term, frequency) in counts)
            {
                if (!builder.TryGetValue(term, out var list))
                {
                    builder[term] = list = [];
                }

                list.Add(new Posting(doc, frequency));
            }

            _lengths[doc] = documents[doc].Count;
            total += documents[doc].Count;
        }

        _postings = builder.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        _averageLength = documents.Count == 0 ? 1 : Math.Max(1, (double)total / documents.Count);
        UnseenTermIdf = Idf(0);
    }

    public int DocumentCount => _lengths.Length;

    /// <summary>The IDF a term found in no document would have: the most informative a term can be.</summary>
    public double UnseenTermIdf { get; }

    public bool Contains(string term) => _postings.ContainsKey(term);

    public int DocumentFrequency(string term) => _postings.TryGetValue(term, out var list) ? list.Length : 0;

    /// <summary>IDF of a term, or <see cref="UnseenTermIdf"/> when no document has it.</summary>
    public double Idf(string term) => Idf(DocumentFrequency(term));

    /// <summary>
    /// Adds each distinct query term's BM25 contribution to <paramref name="scores"/> and its IDF to
    /// <paramref name="matchedIdf"/> for every document containing it. Both spans are indexed by
    /// document and must be cleared by the caller.
    /// </summary>
    public void Score(IReadOnlyList<string> distinctTerms, Span<double> scores, Span<double> matchedIdf) =>
        Score(distinctTerms, default, scores, matchedIdf);

    /// <summary>
    /// As <see cref="Score(IReadOnlyList{string}, Span{double}, Span{double})"/>, with each term's IDF
    /// scaled by its weight in <paramref name="weights"/> (same order as the terms; empty = all 1).
    /// </summary>
    public void Score(IReadOnlyList<string> distinctTerms, ReadOnlySpan<double> weights, Span<double> scores, Span<double> matchedIdf)
    {
        for (var t = 0; t < distinctTerms.Count; t++)
        {
            if (!_postings.TryGetValue(distinctTerms[t], out var postings))
            {
                continue;
            }

            var idf = Idf(postings.Length) * (weights.IsEmpty ? 1 : weights[t]);
            foreach (var (doc, frequency) in postings)
            {
                var norm = K1 * (1 - B + (B * _lengths[doc] / _averageLength));
                scores[doc] += idf * frequency * (K1 + 1) / (frequency + norm);
                matchedIdf[doc] += idf;
            }
        }
    }

    private double Idf(int documentFrequency) =>
        Math.Log(1 + ((DocumentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    private readonly record struct Posting(int Document, int Frequency);
}
