using Chatwire.Core.Brands;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// One <see cref="BrandKnowledgeIndex"/> per brand, built on first use and shared by the retriever
/// and the router: register it as a singleton so both use the same indexes.
/// </summary>
public sealed class KnowledgeIndexCache
{
    private readonly PerBrandCache<BrandKnowledgeIndex> _indexes = new(brand => new BrandKnowledgeIndex(brand));

    public BrandKnowledgeIndex For(Brand brand) => _indexes.For(brand);
}
