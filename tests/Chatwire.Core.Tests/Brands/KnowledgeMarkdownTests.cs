using Chatwire.Core.Brands;

namespace Chatwire.Core.Tests.Brands;

public sealed class KnowledgeMarkdownTests
{
    [Fact]
    public void EachSecondLevelHeadingIsOnePassage()
    {
        var passages = KnowledgeMarkdown.Parse("faq.md", "# FAQ\nIntro text.\n\n## Hours\nOpen daily.\n\n## Returns\nWithin 7 days.\nKeep the box.\n");

        Assert.Equal(2, passages.Count);
        Assert.Equal("faq.md#1", passages[0].Id);
        Assert.Equal("Hours", passages[0].Title);
        Assert.Equal("Open daily.", passages[0].Text);
        Assert.Equal("Within 7 days.\nKeep the box.", passages[1].Text);
        Assert.All(passages, p => Assert.Equal("en", p.Language));
        Assert.All(passages, p => Assert.Null(p.Agent));
    }

    [Fact]
    public void FrontMatterSetsAgentAndLanguage()
    {
        var passages = KnowledgeMarkdown.Parse("faq.md", "---\nagent: specs\nlanguage: id\n---\n## Mesin\nTenaga 185 kW.\n");

        Assert.Equal("specs", Assert.Single(passages).Agent);
        Assert.Equal("id", passages[0].Language);
    }

    [Fact]
    public void ContradictoryLanguageIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => KnowledgeMarkdown.Parse("faq.id.md", "---\nlanguage: en\n---\n## A\nB\n"));
    }

    [Fact]
    public void UnknownFrontMatterFieldIsRejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => KnowledgeMarkdown.Parse("faq.md", "---\ntopic: x\n---\n## A\nB\n"));

        Assert.Contains("topic", error.Message, StringComparison.Ordinal);
    }
}
