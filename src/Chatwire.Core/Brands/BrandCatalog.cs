using System.Collections.Frozen;

namespace Chatwire.Core.Brands;

/// <summary>The brands loaded at start, looked up by id.</summary>
public sealed class BrandCatalog : IBrandCatalog
{
    private readonly FrozenDictionary<string, Brand> _byId;

    public BrandCatalog(IReadOnlyList<Brand> brands)
    {
        All = brands;
        var byId = new Dictionary<string, Brand>(StringComparer.Ordinal);
        foreach (var brand in brands)
        {
            if (!byId.TryAdd(brand.Id, brand))
            {
                throw new ArgumentException($"Brand id '{brand.Id}' appears twice.", nameof(brands));
            }
        }

        _byId = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyList<Brand> All { get; }

    /// <summary>Brands that accept chats, for <c>/brands/active</c>.</summary>
    public IEnumerable<Brand> Active => All.Where(brand => brand.Active);

    public Brand? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A catalog of every brand under <paramref name="brandsDirectory"/>.</summary>
    public static BrandCatalog FromDirectory(string brandsDirectory) => new(BrandLoader.LoadAll(brandsDirectory));
}
