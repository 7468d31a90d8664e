using Chatwire.Core.Retrieval;
using Chatwire.Core.Tests.Brands;

namespace Chatwire.Core.Tests.Retrieval;

public sealed class Bm25KnowledgeRetrieverTests
{
    private readonly Bm25KnowledgeRetriever _retriever = new();

    [Fact]
    public void EnginePowerQuestionFindsTheSpecSheet()
    {
        var top = _retriever.Retrieve(ShippedBrands.Meridian, "What is the engine power?", "en", "specs", 3)[0];

        Assert.Equal("spec-sheet.md", top.Passage.Source);
        Assert.Equal("Engine and power", top.Passage.Title);
        Assert.True(top.Relevance > 0.7, $"relevance {top.Relevance}");
    }

    [Fact]
    public void IndonesianQuestionPrefersIndonesianPassages()
    {
        var top = _retriever.Retrieve(ShippedBrands.TechPro, "Berapa lama pengiriman ke luar Jawa?", "id", "orders", 3)[0];

        Assert.Equal("shipping-payment.id.md", top.Passage.Source);
        Assert.Equal("id", top.Passage.Language);
    }

    [Fact]
    public void EnglishQuestionPrefersEnglishPassages()
    {
        var top = _retriever.Retrieve(ShippedBrands.TechPro, "What warranty do laptops come with?", "en", "support", 3)[0];

        Assert.Equal("warranty-returns.md", top.Passage.Source);
        Assert.Equal("Warranty coverage", top.Passage.Title);
    }

    [Fact]
    public void QuestionAboutNothingInTheKnowledgeBaseHasLowRelevance()
    {
        var results = _retriever.Retrieve(ShippedBrands.Meridian, "What will the weather be like in Paris tomorrow?", "en", null, 3);

        Assert.True(results.Count == 0 || results[0].Relevance < 0.3);
    }

    [Fact]
    public void QuestionSharingOneCommonWordStillHasLowRelevance()
    {
        var results = _retriever.Retrieve(ShippedBrands.Meridian, "Can you recommend a good pizza recipe for the engine room party?", "en", null, 3);

        Assert.True(results.Count == 0 || results[0].Relevance < 0.3, $"relevance {(results.Count > 0 ? results[0].Relevance : 0)}");
    }

    [Fact]
    public void ResultsAreOrderedAndLimited()
    {
        var results = _retriever.Retrieve(ShippedBrands.TechPro, "payment installment credit card", "en", null, 2);

        Assert.Equal(2, results.Count);
        Assert.True(results[0].Relevance >= results[1].Relevance);
        Assert.All(results, r => Assert.InRange(r.Relevance, 0, 1));
    }

    [Fact]
    public void StopWordOnlyQuestionFindsNothing()
    {
        Assert.Empty(_retriever.Retrieve(ShippedBrands.TechPro, "what is it?", "en", null, 3));
    }

    [Fact]
    public void IndexIsBuiltOncePerBrand()
    {
        var cache = new KnowledgeIndexCache();

        Assert.Same(cache.For(ShippedBrands.TechPro), cache.For(ShippedBrands.TechPro));
        Assert.NotSame(cache.For(ShippedBrands.TechPro), cache.For(ShippedBrands.TechPro with { Name = "Reloaded" }));
    }
}
