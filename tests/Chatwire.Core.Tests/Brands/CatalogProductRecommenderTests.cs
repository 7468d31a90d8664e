using Chatwire.Core.Brands;

namespace Chatwire.Core.Tests.Brands;

public sealed class CatalogProductRecommenderTests
{
    private readonly CatalogProductRecommender _recommender = new();

    private ProductSuggestions Recommend(string message, string language = "en") =>
        _recommender.Recommend(ShippedBrands.TechPro, message, language);

    [Theory]
    [InlineData("laptop under 15 juta", "en")]
    [InlineData("Saya cari laptop di bawah 15 juta", "id")]
    public void BudgetUnderFifteenJutaOnlyReturnsProductsWithinIt(string message, string language)
    {
        var suggestions = Recommend(message, language);

        Assert.NotEmpty(suggestions.Products);
        Assert.All(suggestions.Products, p => Assert.True(p.Price <= 15_000_000m, $"{p.Name} {p.Price}"));
        Assert.All(suggestions.Products, p => Assert.Equal("Laptop", p.Category));
    }

    [Fact]
    public void CheapestLaptopComesFirst()
    {
        var cheapest = ShippedBrands.TechPro.Products.Where(p => p.Category == "Laptop" && p.Availability).MinBy(p => p.Price)!;

        Assert.Equal(cheapest.Id, Recommend("What is your cheapest laptop?").Products[0].Id);
        Assert.Equal(cheapest.Id, Recommend("laptop termurah", "id").Products[0].Id);
    }

    [Fact]
    public void GamingRequestSuggestsGamingProducts()
    {
        var suggestions = Recommend("I want a gaming laptop");

        Assert.All(suggestions.Products, p => Assert.Contains("gaming", p.UseCases));
        Assert.True(suggestions.Confidence >= 0.7, $"confidence {suggestions.Confidence}");
    }

    [Fact]
    public void CheapestGamingLaptopIsTheCheapestThatSuitsGaming()
    {
        Assert.Equal("Acer Nitro V 15", Recommend("cheapest gaming laptop").Products[0].Name);
    }

    [Fact]
    public void BusinessLaptopRequestMatchesTheSeedExample()
    {
        var suggestions = Recommend("I need a laptop for business work");

        Assert.Contains(suggestions.Products, p => p.Name == "Dell XPS 13 Plus");
        Assert.All(suggestions.Products, p => Assert.Contains("business", p.UseCases));
        Assert.InRange(suggestions.Confidence!.Value, 0.75, 0.95);
    }

    [Fact]
    public void StudentLaptopInIndonesian()
    {
        var suggestions = Recommend("laptop untuk kuliah", "id");

        Assert.All(suggestions.Products, p => Assert.Contains("students", p.UseCases));
    }

    [Fact]
    public void UnavailableProductsAreNeverRankedBeforeAvailableOnes()
    {
        var suggestions = Recommend("most expensive gaming laptop");

        Assert.True(suggestions.Products[0].Availability);
        var firstUnavailable = suggestions.Products.ToList().FindIndex(p => !p.Availability);
        Assert.True(firstUnavailable < 0 || suggestions.Products.Skip(firstUnavailable).All(p => !p.Availability));
    }

    [Fact]
    public void AskingForAnOutOfStockProductByNameStillFindsItWithLowerConfidence()
    {
        var suggestions = Recommend("Do you sell Sony headphones?");

        var product = Assert.Single(suggestions.Products);
        Assert.False(product.Availability);
        Assert.True(suggestions.Confidence < 0.8);
    }

    [Fact]
    public void PhoneWordsInIndonesianFindPhones()
    {
        Assert.All(Recommend("hp termurah", "id").Products, p => Assert.Equal("Phone", p.Category));
        Assert.All(Recommend("rekomendasi ponsel untuk foto", "id").Products, p => Assert.Equal("Phone", p.Category));
    }

    [Fact]
    public void ProductNamedByNameIsSuggested()
    {
        Assert.Equal("Samsung Galaxy S24", Recommend("How much is the Galaxy S24?").Products[0].Name);
    }

    [Theory]
    [InlineData("What are your store hours?", "en")]
    [InlineData("How much does shipping to Bali cost?", "en")]
    [InlineData("Jam buka toko?", "id")]
    [InlineData("Can I return a product after 7 days?", "en")]
    public void QuestionsThatAreNotAboutProductsGetNone(string message, string language)
    {
        Assert.Same(ProductSuggestions.None, Recommend(message, language));
    }

    [Fact]
    public void AtMostThreeSuggestions()
    {
        Assert.Equal(CatalogProductRecommender.MaxSuggestions, Recommend("laptop").Products.Count);
    }

    [Fact]
    public void BrandWithoutProductsSuggestsNothing()
    {
        Assert.Same(ProductSuggestions.None, _recommender.Recommend(ShippedBrands.Meridian, "cheapest laptop", "en"));
    }
}
