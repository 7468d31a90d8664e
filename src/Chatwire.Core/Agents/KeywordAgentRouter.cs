using Chatwire.Core.Brands;
using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Agents;

/// <summary>
/// Routes a question to the agent whose keywords it uses and whose own passages answer it best.
/// Each agent scores 0.6 × keyword strength (two keyword words saturate it) + 0.4 × the best
/// relevance among its passages. Below <see cref="MinimumScore"/> nobody is a clear fit and the
/// brand's default agent answers with <see cref="FallbackConfidence"/>.
/// </summary>
public sealed class KeywordAgentRouter(KnowledgeIndexCache indexes) : IAgentRouter
{
    public const double KeywordWeight = 0.6;
    public const double MinimumScore = 0.2;
    public const double FallbackConfidence = 0.3;

    /// <summary>Keyword words at which keyword strength reaches 1.</summary>
    public const int SaturatingHits = 2;

    private readonly PerBrandCache<AgentKeywords> _keywords = new(brand => new AgentKeywords(brand, indexes.For(brand).Topics));

    public KeywordAgentRouter()
        : this(new KnowledgeIndexCache())
    {
    }

    public AgentRoute Route(Brand brand, string message, string language)
    {
        var fallback = DefaultAgent(brand);
        var terms = BrandKnowledgeIndex.QueryTerms(message, language);
        if (terms.Count == 0 || brand.Agents.Count == 0)
        {
            return new AgentRoute(fallback, FallbackConfidence);
        }

        var termSet = terms.ToHashSet(StringComparer.Ordinal);
        var keywords = _keywords.For(brand);
        var matches = indexes.For(brand).Match(terms);
        var best = -1;
        var bestScore = 0.0;
        var secondScore = 0.0;
        for (var i = 0; i < brand.Agents.Count; i++)
        {
            var keywordStrength = Math.Min(1.0, keywords.Hits(i, termSet) / SaturatingHits);
            var score = (KeywordWeight * keywordStrength) + ((1 - KeywordWeight) * BestRelevance(matches, brand.Agents[i].Id));
            if (score > bestScore)
            {
                secondScore = bestScore;
                bestScore = score;
                best = i;
            }
            else if (score > secondScore)
            {
                secondScore = score;
            }
        }

        if (best < 0 || bestScore < MinimumScore)
        {
            return new AgentRoute(fallback, FallbackConfidence);
        }

        return new AgentRoute(brand.Agents[best], Confidence(bestScore, secondScore));
    }

    /// <summary>
    /// 0.5..0.95: how strong the winner is, discounted when the runner-up is close, so that a
    /// question that could go either way reports it.
    /// </summary>
    internal static double Confidence(double best, double second)
    {
        var margin = (best - second) / best;
        return Math.Round(0.5 + (0.45 * Math.Min(1, best) * (0.5 + (0.5 * margin))), 2);
    }

    private static double BestRelevance(List<PassageMatch> matches, string agentId)
    {
        var best = 0.0;
        foreach (var match in matches)
        {
            if (match.Passage.Agent == agentId && match.Relevance > best)
            {
                best = match.Relevance;
            }
        }

        return best;
    }

    private static BrandAgent DefaultAgent(Brand brand)
    {
        foreach (var agent in brand.Agents)
        {
            if (agent.Id == brand.DefaultAgent)
            {
                return agent;
            }
        }

        return brand.Agents.Count > 0
            ? brand.Agents[0]
            : throw new InvalidOperationException($"Brand '{brand.Id}' has no agents to route to.");
    }
}
