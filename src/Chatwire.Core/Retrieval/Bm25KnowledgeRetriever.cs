using Chatwire.Core.Brands;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// BM25 retrieval over a brand's passages. Ranking is by relevance scaled by preference factors:
/// a passage in another language than the question, or belonging to another agent than the routed
/// one, still competes but must match clearly better to win. The reported relevance is the scaled
/// one, so a consumer's threshold already accounts for a language or domain mismatch.
/// </summary>
public sealed class Bm25KnowledgeRetriever(KnowledgeIndexCache cache) : IKnowledgeRetriever
{
    /// <summary>Relevance multiplier for a passage not in the question's language.</summary>
    public const double OtherLanguageFactor = 0.8;

    /// <summary>Relevance multiplier for a passage of another agent than the routed one.</summary>
    public const double OtherAgentFactor = 0.85;

    /// <summary>Relevance multiplier for a passage that belongs to no agent when an agent was routed.</summary>
    public const double SharedPassageFactor = 0.95;

    public Bm25KnowledgeRetriever()
        : this(new KnowledgeIndexCache())
    {
    }

    public IReadOnlyList<RetrievedPassage> Retrieve(Brand brand, string query, string language, string? agentId, int limit)
    {
        if (limit <= 0 || brand.Passages.Count == 0)
        {
            return [];
        }

        var terms = BrandKnowledgeIndex.QueryTerms(query, language);
        var matches = cache.For(brand).Match(terms);
        var ranked = new List<(int Order, RetrievedPassage Passage)>(matches.Count);
        foreach (var match in matches)
        {
            var relevance = match.Relevance * Preference(match.Passage, language, agentId);
            ranked.Add((ranked.Count, new RetrievedPassage(match.Passage, match.Score, relevance)));
        }

        // List.Sort is unstable; ties fall back to the raw score, then to document order.
        ranked.Sort(static (x, y) =>
        {
            var byRelevance = y.Passage.Relevance.CompareTo(x.Passage.Relevance);
            if (byRelevance != 0)
            {
                return byRelevance;
            }

            var byScore = y.Passage.Score.CompareTo(x.Passage.Score);
            return byScore != 0 ? byScore : x.Order.CompareTo(y.Order);
        });

        var count = Math.Min(limit, ranked.Count);
        var result = new RetrievedPassage[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = ranked[i].Passage;
        }

        return result;
    }

    private static double Preference(KnowledgePassage passage, string language, string? agentId)
    {
        var factor = passage.Language == language ? 1.0 : OtherLanguageFactor;
        if (agentId is not null && passage.Agent != agentId)
        {
            factor *= passage.Agent is null ? SharedPassageFactor : OtherAgentFactor;
        }

        return factor;
    }
}
