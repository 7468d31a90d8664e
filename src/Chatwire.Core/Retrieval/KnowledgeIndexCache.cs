using System.Collections.Concurrent;
using Chatwire.Core.Brands;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// One <see cref="BrandKnowledgeIndex"/> per brand id, built on first use and shared by the
/// retriever and the router (register it as a singleton). A different <see cref="Brand"/> instance
/// under the same id (a reloaded brand pack) replaces the cached index.
/// </summary>
public sealed class KnowledgeIndexCache
{
    private readonly ConcurrentDictionary<string, BrandKnowledgeIndex> _indexes = new(StringComparer.Ordinal);

    public BrandKnowledgeIndex For(Brand brand)
    {
        if (_indexes.TryGetValue(brand.Id, out var index) && ReferenceEquals(index.Brand, brand))
        {
            return index;
        }

        // Building twice under a race is harmless: indexes are immutable and equal.
        index = new BrandKnowledgeIndex(brand);
        _indexes[brand.Id] = index;
        return index;
    }
}
