using Chatwire.Core.Retrieval;
using Chatwire.Core.Tests.Brands;

namespace Chatwire.Core.Tests.Retrieval;

public sealed class TopicVocabularyTests
{
    private static readonly TopicVocabulary TechPro = new(ShippedBrands.TechPro);

    [Fact]
    public void CategoryWordsOfASellingBrandAreNotTopics()
    {
        Assert.True(TechPro.IsCategory("laptop"));
        Assert.False(TechPro.IsTopic("laptop"));
        Assert.True(TechPro.IsTopic("warranty"));
    }

    [Fact]
    public void ABrandWithoutPhonesKeepsHpAsATopic()
    {
        var meridian = new TopicVocabulary(ShippedBrands.Meridian);

        Assert.False(meridian.IsCategory("hp"));
        Assert.True(meridian.IsTopic("hp"));
    }

    [Fact]
    public void ContextWordsWeighLessOnlyWhenTheQuestionNamesATopic()
    {
        Assert.Equal([TopicVocabulary.ContextTermWeight, TopicVocabulary.ContextTermWeight, 1.0], TechPro.Weights(["long", "laptop", "warranty"]));
        Assert.Equal([1.0, 1.0], TechPro.Weights(["long", "laptop"]));
    }

    [Fact]
    public void WordsOfAKeywordPhraseAreTopicsOnlyTogether()
    {
        // "number" alone is not a topic: only "phone number" is.
        Assert.Equal([1.0, TopicVocabulary.ContextTermWeight], TechPro.Weights(["servic", "number"]));
        // ...and "phone" in it names a category, so it stays context.
        Assert.Equal([TopicVocabulary.ContextTermWeight, 1.0], TechPro.Weights(["phon", "number"]));
    }
}
