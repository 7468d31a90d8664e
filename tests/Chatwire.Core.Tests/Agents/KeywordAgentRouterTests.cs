using Chatwire.Core.Agents;
using Chatwire.Core.Tests.Brands;

namespace Chatwire.Core.Tests.Agents;

public sealed class KeywordAgentRouterTests
{
    private readonly KeywordAgentRouter _router = new();

    [Fact]
    public void EnginePowerQuestionRoutesToSpecsAgent()
    {
        var route = _router.Route(ShippedBrands.Meridian, "What is the engine power?", "en");

        Assert.Equal("specs", route.Agent.Id);
        Assert.True(route.Confidence >= 0.8, $"confidence {route.Confidence}");
    }

    [Theory]
    [InlineData("How much torque does the Vela have?")]
    [InlineData("What is the fuel consumption?")]
    [InlineData("How big is the boot?")]
    [InlineData("What is the towing capacity?")]
    public void SpecificationQuestionsRouteToSpecs(string question)
    {
        Assert.Equal("specs", _router.Route(ShippedBrands.Meridian, question, "en").Agent.Id);
    }

    [Theory]
    [InlineData("When is my next service due?")]
    [InlineData("How often should I change the oil?")]
    [InlineData("I want to book a service appointment")]
    [InlineData("How often do I rotate the tyres?")]
    public void MaintenanceQuestionsRouteToMaintenance(string question)
    {
        Assert.Equal("maintenance", _router.Route(ShippedBrands.Meridian, question, "en").Agent.Id);
    }

    [Theory]
    [InlineData("The check engine light is flashing")]
    [InlineData("My car won't start, the battery seems dead")]
    [InlineData("There is a grinding noise when I brake")]
    [InlineData("The engine is overheating")]
    public void FaultQuestionsRouteToTroubleshooting(string question)
    {
        Assert.Equal("troubleshooting", _router.Route(ShippedBrands.Meridian, question, "en").Agent.Id);
    }

    [Theory]
    [InlineData("Berapa tenaga mesin Vela?", "specs")]
    [InlineData("Kapan jadwal servis berkala?", "maintenance")]
    [InlineData("Mesin tidak bisa menyala, aki soak", "troubleshooting")]
    public void IndonesianQuestionsRouteByIndonesianKeywords(string question, string agent)
    {
        Assert.Equal(agent, _router.Route(ShippedBrands.Meridian, question, "id").Agent.Id);
    }

    [Fact]
    public void UnrelatedQuestionFallsBackToTheDefaultAgentWithLowConfidence()
    {
        var route = _router.Route(ShippedBrands.Meridian, "Who won the football match yesterday?", "en");

        Assert.Equal("general", route.Agent.Id);
        Assert.Equal(KeywordAgentRouter.FallbackConfidence, route.Confidence);
    }

    [Theory]
    [InlineData("What are your store hours?", "general")]
    [InlineData("I need a laptop for business work", "sales")]
    [InlineData("Bisa bayar pakai cicilan?", "orders")]
    [InlineData("How do I claim the warranty?", "support")]
    public void TechProQuestionsRouteToItsAgents(string question, string agent)
    {
        var language = agent == "orders" ? "id" : "en";

        Assert.Equal(agent, _router.Route(ShippedBrands.TechPro, question, language).Agent.Id);
    }

    [Theory]
    [InlineData("How long is the laptop warranty?", "en")]
    [InlineData("Berapa lama garansi untuk laptop?", "id")]
    public void ACategoryWordDoesNotOutvoteTheTopicWord(string question, string language)
    {
        Assert.Equal("support", _router.Route(ShippedBrands.TechPro, question, language).Agent.Id);
    }

    [Fact]
    public void CloseCallsReportLowerConfidenceThanClearOnes()
    {
        Assert.True(KeywordAgentRouter.Confidence(0.9, 0.1) > KeywordAgentRouter.Confidence(0.9, 0.8));
        Assert.InRange(KeywordAgentRouter.Confidence(1, 0), 0.5, 0.95);
    }
}
