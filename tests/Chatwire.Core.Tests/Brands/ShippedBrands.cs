using Chatwire.Core.Brands;

namespace Chatwire.Core.Tests.Brands;

/// <summary>The repository's <c>brands/</c> folder, loaded once for every test that needs real data.</summary>
internal static class ShippedBrands
{
    private static readonly Lazy<BrandCatalog> Loaded = new(() => BrandCatalog.FromDirectory(BrandsDirectory));

    public static string BrandsDirectory => Path.Combine(FindRepositoryRoot(), "brands");

    public static BrandCatalog Catalog => Loaded.Value;

    public static Brand TechPro => Catalog.Find("techpro")!;

    public static Brand Meridian => Catalog.Find("meridian")!;

    public static Brand Default => Catalog.Find("default")!;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chatwire.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Chatwire.slnx above " + AppContext.BaseDirectory);
    }
}
