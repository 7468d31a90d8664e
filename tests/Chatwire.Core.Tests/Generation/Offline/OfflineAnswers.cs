using Chatwire.Core.Agents;
using Chatwire.Core.Brands;
using Chatwire.Core.Generation;
using Chatwire.Core.Retrieval;
using Chatwire.Core.Tests.Brands;

namespace Chatwire.Core.Tests.Generation.Offline;

/// <summary>Builds the grounding the engine would build: detect, route, retrieve, recommend.</summary>
internal static class OfflineAnswers
{
    private static readonly KnowledgeIndexCache Indexes = new();
    private static readonly LanguageDetector Languages = new();
    private static readonly KeywordAgentRouter Router = new(Indexes);
    private static readonly Bm25KnowledgeRetriever Retriever = new(Indexes);
    private static readonly CatalogProductRecommender Recommender = new();

    public static Grounding Ground(Brand brand, string question, bool voice = false)
    {
        var language = Languages.Detect(question, brand.DefaultLanguage);
        var route = Router.Route(brand, question, language);
        return new Grounding
        {
            Brand = brand,
            Agent = route.Agent,
            Language = language,
            Passages = Retriever.Retrieve(brand, question, language, route.Agent.Id, 4),
            Products = brand.Products.Count == 0 ? ProductSuggestions.None : Recommender.Recommend(brand, question, language),
            Voice = voice,
        };
    }

    public static Grounding Meridian(string question, bool voice = false) => Ground(ShippedBrands.Meridian, question, voice);

    public static Grounding TechPro(string question, bool voice = false) => Ground(ShippedBrands.TechPro, question, voice);
}
