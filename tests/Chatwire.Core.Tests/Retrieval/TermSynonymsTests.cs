using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Tests.Retrieval;

public sealed class TermSynonymsTests
{
    [Theory]
    [InlineData("gearbox", "en", "transmission", "en")]
    [InlineData("horsepower", "en", "hp", "en")]
    [InlineData("garansi", "id", "warranty", "en")]
    [InlineData("pembayaran", "id", "payment", "en")]
    [InlineData("dikirim", "id", "delivery", "en")]
    [InlineData("cicilan", "id", "installments", "en")]
    [InlineData("servis", "id", "servicing", "en")]
    public void CustomersWordsAndTheKnowledgeBasesWordsBecomeOneTerm(string asked, string askedLanguage, string written, string writtenLanguage)
    {
        Assert.Equal(TextTokenizer.Tokenize(written, writtenLanguage), TextTokenizer.Tokenize(asked, askedLanguage));
    }

    [Fact]
    public void WordsOutsideTheGroupsAreLeftAlone()
    {
        Assert.Equal(["open"], TextTokenizer.Tokenize("open", "en"));
        Assert.Equal(["buka"], TextTokenizer.Tokenize("buka", "id"));
    }
}
