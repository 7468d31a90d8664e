using Chatwire.Core.Brands;

namespace Chatwire.Core.Tests.Brands;

public sealed class BudgetParserTests
{
    [Theory]
    [InlineData("laptop under 15 juta", 15_000_000)]
    [InlineData("laptop di bawah 15 juta", 15_000_000)]
    [InlineData("laptop dibawah 15jt", 15_000_000)]
    [InlineData("something below 20 million", 20_000_000)]
    [InlineData("under 20,000,000 please", 20_000_000)]
    [InlineData("under Rp 19.999.000", 19_999_000)]
    [InlineData("max 10jt", 10_000_000)]
    [InlineData("maksimal 7,5 juta", 7_500_000)]
    [InlineData("budget 12 juta", 12_000_000)]
    [InlineData("under 15", 15_000_000)]
    public void MaximumIsFoundInEnglishAndIndonesian(string message, long max)
    {
        var budget = BudgetParser.Parse(message, "IDR");

        Assert.Equal(max, budget.Max);
        Assert.Null(budget.Min);
    }

    [Fact]
    public void DollarsAreNotScaled()
    {
        Assert.Equal(1_500m, BudgetParser.Parse("headphones under $1,500", "USD").Max);
        Assert.Equal(500m, BudgetParser.Parse("above $500", "USD").Min);
    }

    [Fact]
    public void AroundAllowsALittleMore()
    {
        Assert.Equal(11_000_000m, BudgetParser.Parse("laptop gaming sekitar 10 juta", "IDR").Max);
        Assert.Equal(16_500_000m, BudgetParser.Parse("laptop gaming 15 jutaan", "IDR").Max);
    }

    [Theory]
    [InlineData("a laptop with a 15 inch screen")]
    [InlineData("tell me about 5G phones")]
    [InlineData("what are your store hours?")]
    [InlineData("over 16 GB of RAM")]
    public void NumbersThatAreNotPricesAreIgnored(string message)
    {
        Assert.False(BudgetParser.Parse(message, "IDR").IsSet);
    }

    [Fact]
    public void BudgetPhraseIsRemovedFromTheSearchText()
    {
        BudgetParser.Parse("iPhone under 15 juta", "IDR", out var remainder);

        Assert.DoesNotContain("15", remainder, StringComparison.Ordinal);
        Assert.Contains("iPhone", remainder, StringComparison.Ordinal);
    }
}
