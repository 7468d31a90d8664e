using System.Collections.Concurrent;

namespace Chatwire.Core.Brands;

/// <summary>
/// Something derived from a brand (an index, a keyword set) built once per brand id on first use.
/// A different <see cref="Brand"/> instance under the same id (a reloaded pack) replaces the entry.
/// </summary>
internal sealed class PerBrandCache<T>(Func<Brand, T> build)
    where T : class
{
    private readonly ConcurrentDictionary<string, (Brand Brand, T Value)> _entries = new(StringComparer.Ordinal);

    public T For(Brand brand)
    {
        if (_entries.TryGetValue(brand.Id, out var entry) && ReferenceEquals(entry.Brand, brand))
        {
            return entry.Value;
        }

        // Building twice under a race is harmless: the values are immutable and equal.
        var value = build(brand);
        _entries[brand.Id] = (brand, value);
        return value;
    }
}
