using Chatwire.Core.Brands;
using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Chatwire.Core.Retrieval;
using Chatwire.Core.Tests.Brands;

namespace Chatwire.Core.Tests.Generation.Offline;

public sealed class GroundedAnswerComposerTests
{
    [Fact]
    public void EnginePowerAnswerQuotesTheSpecSheetAndNamesIt()
    {
        const string question = "What is the engine power?";
        var grounding = OfflineAnswers.Meridian(question);

        var answer = GroundedAnswerComposer.Compose(grounding, question);

        Assert.Equal("specs", grounding.Agent.Id);
        Assert.Contains("185 kW", answer, StringComparison.Ordinal);
        Assert.EndsWith("(Source: spec-sheet.md)", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void IndonesianQuestionIsAnsweredInIndonesian()
    {
        const string question = "Berapa lama pengiriman ke luar Jawa?";
        var grounding = OfflineAnswers.TechPro(question);

        var answer = GroundedAnswerComposer.Compose(grounding, question);

        Assert.Equal("id", grounding.Language);
        Assert.Contains("3 sampai 7 hari kerja", answer, StringComparison.Ordinal);
        Assert.Contains("(Sumber: shipping-payment.id.md)", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("working days", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void VoiceAnswerIsOneSentenceWithoutMarkdownOrSource()
    {
        const string question = "What is the engine power?";

        var answer = GroundedAnswerComposer.Compose(OfflineAnswers.Meridian(question, voice: true), question);

        AssertSpeakable(answer);
        Assert.Contains("185 kW", answer, StringComparison.Ordinal);
        Assert.Contains("five thousand eight hundred rpm", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void VoiceProductAnswerSpeaksThePriceInTheShoppersLanguage()
    {
        const string question = "Saya cari laptop gaming di bawah 15 juta";

        var answer = GroundedAnswerComposer.Compose(OfflineAnswers.TechPro(question, voice: true), question);

        AssertSpeakable(answer);
        Assert.Equal("Saya merekomendasikan Acer Nitro V 15 seharga tiga belas juta sembilan ratus sembilan puluh sembilan ribu rupiah.", answer);
    }

    [Fact]
    public void TextAnswerListsSuggestedProductsWithRupiahPrices()
    {
        const string question = "I need a laptop for business work";

        var answer = GroundedAnswerComposer.Compose(OfflineAnswers.TechPro(question), question);

        Assert.Contains("- Dell XPS 13 Plus: Rp 19.999.000.", answer, StringComparison.Ordinal);
        Assert.Contains("(Source: buying-guide.md)", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfStockProductsAreSaidToBe()
    {
        const string question = "Do you sell Sony headphones?";

        var answer = GroundedAnswerComposer.Compose(OfflineAnswers.TechPro(question), question);

        Assert.Contains("Sony WH-1000XM5: Rp 5.499.000", answer, StringComparison.Ordinal);
        Assert.Contains("(currently out of stock)", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void NoMatchAnswerAdmitsItAndOffersTheAgentsTopicsWithoutInventing()
    {
        const string question = "Who won the football match yesterday?";
        var grounding = OfflineAnswers.Meridian(question);

        var answer = GroundedAnswerComposer.Compose(grounding, question);

        Assert.StartsWith("I'm sorry, I couldn't find anything about that in the Meridian Motors knowledge base", answer, StringComparison.Ordinal);
        Assert.Contains("Technical Specifications", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Source", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("football", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\d", answer);
    }

    [Fact]
    public void WeakPassagesAreNotQuoted()
    {
        var brand = ShippedBrands.Meridian;
        var passage = brand.Passages[0];
        var grounding = new Grounding
        {
            Brand = brand,
            Agent = brand.Agents[0],
            Language = "en",
            Passages = [new RetrievedPassage(passage, 1.2, GroundedAnswerComposer.MinimumRelevance - 0.01)],
        };

        var answer = GroundedAnswerComposer.Compose(grounding, "engine colour trivia");

        Assert.DoesNotContain(passage.Source, answer, StringComparison.Ordinal);
        Assert.StartsWith("I'm sorry", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("halo", "Selamat datang di TechPro Solutions!")]
    [InlineData("terima kasih", "Sama-sama!")]
    [InlineData("hello", "Welcome to TechPro Solutions!")]
    public void GreetingsGetAWelcomeNotAnApology(string question, string opening)
    {
        var answer = GroundedAnswerComposer.Compose(OfflineAnswers.TechPro(question), question);

        Assert.StartsWith(opening, answer, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutGroundingItSaysWhatItCanAnswer()
    {
        Assert.StartsWith("I can only answer questions about this brand", GroundedAnswerComposer.Compose(null, "What is the capital of France?"), StringComparison.Ordinal);
        Assert.StartsWith("Saya hanya dapat menjawab", GroundedAnswerComposer.Compose(null, "Apa ibu kota Prancis?"), StringComparison.Ordinal);
    }

    [Fact]
    public void ChatwireAssistantKnowsTheAnonymousLimit()
    {
        const string question = "How many messages can an anonymous user send per day?";

        var answer = GroundedAnswerComposer.Compose(OfflineAnswers.Ground(ShippedBrands.Default, question), question);

        Assert.Contains("20 messages per day", answer, StringComparison.Ordinal);
        Assert.Contains("limits.md", answer, StringComparison.Ordinal);
    }

    internal static void AssertSpeakable(string answer)
    {
        Assert.DoesNotContain('\n', answer);
        Assert.DoesNotContain("Source", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Sumber", answer, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[*#`|\[\]()]|^- ", answer);
        Assert.Matches(@"^[^.!?]*(?:[.!?](?!\s)[^.!?]*)*[.!?]$", answer);
    }
}
