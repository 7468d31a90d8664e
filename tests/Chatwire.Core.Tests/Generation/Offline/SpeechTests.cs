using Chatwire.Core.Generation.Offline;

namespace Chatwire.Core.Tests.Generation.Offline;

public sealed class SpeechTests
{
    [Theory]
    [InlineData(0, "en", "zero")]
    [InlineData(21, "en", "twenty-one")]
    [InlineData(5_800, "en", "five thousand eight hundred")]
    [InlineData(19_999_000, "en", "nineteen million nine hundred ninety-nine thousand")]
    [InlineData(11, "id", "sebelas")]
    [InlineData(1_000, "id", "seribu")]
    [InlineData(115, "id", "seratus lima belas")]
    [InlineData(19_999_000, "id", "sembilan belas juta sembilan ratus sembilan puluh sembilan ribu")]
    public void NumbersAreWrittenInWords(long number, string language, string words)
    {
        Assert.Equal(words, NumberWords.ToWords(number, language));
    }

    [Theory]
    [InlineData(19_999_000, "IDR", "Rp 19.999.000")]
    [InlineData(549_000, "IDR", "Rp 549.000")]
    [InlineData(1_299, "USD", "$1,299.00")]
    [InlineData(12.5, "EUR", "12.50 EUR")]
    public void PricesAreFormattedForTheCurrency(decimal price, string currency, string text)
    {
        Assert.Equal(text, PriceFormatter.Format(price, currency));
    }

    [Fact]
    public void SpokenPricesUseTheCurrencyName()
    {
        Assert.Equal("twelve dollars and fifty cents", PriceFormatter.Speak(12.5m, "USD", "en"));
        Assert.Equal("lima ratus empat puluh sembilan ribu rupiah", PriceFormatter.Speak(549_000m, "IDR", "id"));
    }

    [Fact]
    public void SpeechTextRemovesMarkdownAndSpellsGroupedNumbers()
    {
        Assert.Equal(
            "The Dell XPS 13 Plus costs nineteen million nine hundred ninety-nine thousand rupiah, 16GB RAM.",
            SpeechText.Normalize("**The Dell XPS 13 Plus** costs Rp 19.999.000 (16GB RAM)", "en"));
        Assert.Equal("Konsumsi 8,1 liter per 100 km.", SpeechText.Normalize("Konsumsi 8,1 liter per 100 km", "id"));
    }

    [Fact]
    public void SentencesSplitOnlyAtRealBoundaries()
    {
        var sentences = Sentences.Split("The 2.0-litre engine costs Rp 5.000.000 more. It is fast!\n- Second line item");

        Assert.Equal(["The 2.0-litre engine costs Rp 5.000.000 more.", "It is fast!", "Second line item"], sentences);
    }
}
