using Chatwire.Core.Brands;

namespace Chatwire.Core.Tests.Brands;

public sealed class BrandLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "chatwire-brands-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void ShippedBrandsAllLoad()
    {
        var ids = ShippedBrands.Catalog.All.Select(brand => brand.Id).ToArray();

        Assert.Equal(["default", "meridian", "techpro"], ids);
        Assert.All(ShippedBrands.Catalog.All, brand => Assert.True(brand.Active));
    }

    [Fact]
    public void EveryShippedBrandHasAtLeastTwentyPassages()
    {
        Assert.All(ShippedBrands.Catalog.All, brand => Assert.True(brand.Passages.Count >= 20, $"{brand.Id}: {brand.Passages.Count}"));
    }

    [Fact]
    public void TechProSellsAtLeastTwelveProductsAndSomeAreOutOfStock()
    {
        var products = ShippedBrands.TechPro.Products;

        Assert.True(products.Count >= 12);
        Assert.Contains(products, product => !product.Availability);
        Assert.Contains(products, product => product.Name == "Dell XPS 13 Plus" && product.Price == 19_999_000m);
        Assert.Equal("IDR", ShippedBrands.TechPro.Currency);
    }

    [Fact]
    public void TechProKnowledgeIsInEnglishAndIndonesian()
    {
        var languages = ShippedBrands.TechPro.Passages.GroupBy(p => p.Language).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(languages["en"] >= 10);
        Assert.True(languages["id"] >= 10);
    }

    [Fact]
    public void MeridianHasTheThreeSeedAgentsAndAGeneralDefault()
    {
        var meridian = ShippedBrands.Meridian;

        Assert.Equal("Meridian Motors", meridian.Name);
        Assert.Equal("general", meridian.DefaultAgent);
        Assert.Equal(["general", "specs", "maintenance", "troubleshooting"], meridian.Agents.Select(a => a.Id));
    }

    [Fact]
    public void PassagesAreSectionsWithFileAndIndexIds()
    {
        var engine = ShippedBrands.Meridian.Passages.First(p => p.Source == "spec-sheet.md");

        Assert.Equal("spec-sheet.md#1", engine.Id);
        Assert.Equal("Engine and power", engine.Title);
        Assert.Equal("specs", engine.Agent);
        Assert.Equal("en", engine.Language);
        Assert.Contains("185 kW", engine.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void IdSuffixMakesAPassageIndonesian()
    {
        Assert.All(ShippedBrands.TechPro.Passages.Where(p => p.Source.EndsWith(".id.md", StringComparison.Ordinal)),
            passage => Assert.Equal("id", passage.Language));
    }

    [Fact]
    public void MissingFieldNamesTheFileAndTheField()
    {
        var error = LoadFails("""{"id": "acme", "default_agent": "general", "agents": [{"id": "general", "name": "General"}]}""");

        Assert.Contains("brand.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDefaultAgentIsRejected()
    {
        var error = LoadFails("""{"id": "acme", "name": "Acme", "default_agent": "sales", "agents": [{"id": "general", "name": "General"}]}""");

        Assert.Contains("default_agent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MistypedFieldIsRejectedWithItsPath()
    {
        var error = LoadFails("""{"id": "acme", "name": "Acme", "default_agent": "general", "agents": [{"id": "general", "name": "General", "keyword": ["x"]}]}""");

        Assert.Contains("brand.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("keyword", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductWithoutPriceIsRejected()
    {
        WriteBrand("acme", """{"id": "acme", "name": "Acme", "default_agent": "general", "agents": [{"id": "general", "name": "General"}]}""");
        File.WriteAllText(Path.Combine(_root, "acme", "products.json"), """[{"id": "p1", "name": "Widget"}]""");

        var error = Assert.Throws<InvalidDataException>(() => BrandLoader.LoadAll(_root));

        Assert.Contains("products.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("[0].price", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnowledgeFrontMatterMustNameAKnownAgent()
    {
        WriteBrand("acme", """{"id": "acme", "name": "Acme", "default_agent": "general", "agents": [{"id": "general", "name": "General"}]}""");
        var knowledge = Directory.CreateDirectory(Path.Combine(_root, "acme", "knowledge")).FullName;
        File.WriteAllText(Path.Combine(knowledge, "faq.md"), "---\nagent: sales\n---\n## Hours\nOpen daily.\n");

        var error = Assert.Throws<InvalidDataException>(() => BrandLoader.LoadAll(_root));

        Assert.Contains("faq.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("agent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderNameMustMatchTheBrandId()
    {
        var error = LoadFails("""{"id": "other", "name": "Acme", "default_agent": "general", "agents": [{"id": "general", "name": "General"}]}""");

        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogFindsBrandsById()
    {
        Assert.Same(ShippedBrands.TechPro, ShippedBrands.Catalog.Find("techpro"));
        Assert.Null(ShippedBrands.Catalog.Find("nope"));
    }

    private InvalidDataException LoadFails(string brandJson)
    {
        WriteBrand("acme", brandJson);
        return Assert.Throws<InvalidDataException>(() => BrandLoader.LoadAll(_root));
    }

    private void WriteBrand(string folder, string json)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, folder)).FullName;
        File.WriteAllText(Path.Combine(dir, "brand.json"), json);
    }
}
