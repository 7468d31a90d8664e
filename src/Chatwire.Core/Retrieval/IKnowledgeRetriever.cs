using Chatwire.Core.Brands;

namespace Chatwire.Core.Retrieval;

/// <summary>Finds the brand's passages that answer a question (BM25 by default).</summary>
public interface IKnowledgeRetriever
{
    /// <summary>
    /// The best passages for <paramref name="query"/>, best first, at most <paramref name="limit"/>.
    /// Passages in <paramref name="language"/> and of <paramref name="agentId"/>'s domain are preferred.
    /// </summary>
    IReadOnlyList<RetrievedPassage> Retrieve(Brand brand, string query, string language, string? agentId, int limit);
}

/// <summary>A passage and how well it matched, <see cref="Relevance"/> in 0..1 (comparable across queries).</summary>
public sealed record RetrievedPassage(KnowledgePassage Passage, double Score, double Relevance);
