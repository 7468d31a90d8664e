namespace Chatwire.Core.Retrieval;

/// <summary>
/// Turns a BM25 score into a 0..1 relevance that means the same thing for every query and brand.
/// BM25 scores grow with the number and rarity of query terms, so they cannot be compared across
/// questions; what can is how much of the question a passage covers. Coverage is IDF-weighted:
/// each query term counts by its IDF, and a term no passage contains counts with the largest IDF
/// possible, so a question about something absent from the knowledge base stays low however well
/// its one common word matches.
/// </summary>
public static class QueryRelevance
{
    /// <summary>Weight of IDF-weighted coverage; the rest is the BM25 score against a one-hit-per-term reference.</summary>
    public const double CoverageWeight = 0.7;

    /// <summary>The sum every relevance of this query is measured against.</summary>
    public static double TotalWeight(Bm25Index index, IReadOnlyList<string> distinctTerms) =>
        TotalWeight(index, distinctTerms, default);

    /// <summary>The sum of the query terms' IDFs, each scaled by its weight (empty = all 1).</summary>
    public static double TotalWeight(Bm25Index index, IReadOnlyList<string> distinctTerms, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        for (var t = 0; t < distinctTerms.Count; t++)
        {
            total += index.Idf(distinctTerms[t]) * (weights.IsEmpty ? 1 : weights[t]);
        }

        return total;
    }

    /// <summary>
    /// 0.7 × coverage + 0.3 × min(1, score / total). A term appearing once in a passage of average
    /// length scores exactly its IDF, so a passage matching every term once scores about 1.
    /// </summary>
    public static double Of(double score, double matchedIdf, double totalWeight)
    {
        if (totalWeight <= 0 || score <= 0)
        {
            return 0;
        }

        var coverage = Math.Min(1, matchedIdf / totalWeight);
        var strength = Math.Min(1, score / totalWeight);
        return (CoverageWeight * coverage) + ((1 - CoverageWeight) * strength);
    }
}
