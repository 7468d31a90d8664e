namespace Chatwire.Core.Brands;

/// <summary>The brands loaded at start.</summary>
public interface IBrandCatalog
{
    IReadOnlyList<Brand> All { get; }

    /// <summary>The brand with this id, active or not; null when unknown.</summary>
    Brand? Find(string id);
}
