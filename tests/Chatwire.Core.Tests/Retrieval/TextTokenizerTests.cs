using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Tests.Retrieval;

public sealed class TextTokenizerTests
{
    [Fact]
    public void EnglishStopWordsAreDroppedAndWordsLowercased()
    {
        Assert.Equal(["engin", "power"], TextTokenizer.Tokenize("What is the Engine Power?", "en"));
    }

    [Theory]
    [InlineData("shipping", "ship")]
    [InlineData("shipped", "ship")]
    [InlineData("ships", "ship")]
    [InlineData("batteries", "battery")]
    [InlineData("laptops", "laptop")]
    [InlineData("charging", "charg")]
    [InlineData("charge", "charg")]
    [InlineData("gaming", "game")]
    [InlineData("games", "game")]
    [InlineData("speed", "speed")]
    [InlineData("business", "business")]
    public void EnglishSuffixesAreStrippedLightly(string word, string stem)
    {
        Assert.Equal(stem, TextTokenizer.Stem(word, "en"));
    }

    [Theory]
    [InlineData("pengiriman", "kirim")]
    [InlineData("dikirim", "kirim")]
    [InlineData("mengirim", "kirim")]
    [InlineData("pembayaran", "bayar")]
    [InlineData("membayar", "bayar")]
    [InlineData("cicilan", "cicil")]
    [InlineData("harganya", "harga")]
    [InlineData("termurah", "murah")]
    [InlineData("pengembalian", "kembali")]
    [InlineData("dikembalikan", "kembali")]
    [InlineData("menggunakan", "guna")]
    [InlineData("pemesanan", "pesan")]
    [InlineData("pesanan", "pesan")]
    public void IndonesianAffixesAreStripped(string word, string stem)
    {
        Assert.Equal(stem, TextTokenizer.Stem(word, "id"));
    }

    [Theory]
    [InlineData("garansi")]
    [InlineData("diskon")]
    [InlineData("digital")]
    [InlineData("pelanggan")]
    [InlineData("terima")]
    [InlineData("kembali")]
    [InlineData("ringan")]
    public void IndonesianRootsThatLookAffixedAreKept(string word)
    {
        Assert.Equal(word, TextTokenizer.Stem(word, "id"));
    }

    [Fact]
    public void IndonesianAffixesAreLeftAloneInEnglishText()
    {
        Assert.Equal("display", TextTokenizer.Stem("display", "en"));
        Assert.Equal("digital", TextTokenizer.Stem("digital", "en"));
    }

    [Fact]
    public void IndonesianStopWordsAreDropped()
    {
        Assert.Equal(["harga", "laptop", "game"], TextTokenizer.Tokenize("Berapa harga laptop gaming yang ini?", "id"));
    }

    [Fact]
    public void ThousandsSeparatorsDoNotSplitNumbers()
    {
        Assert.Equal(["rp", "19999000"], TextTokenizer.Tokenize("Rp 19.999.000", "id"));
        Assert.Equal(["19999000", "rupiah"], TextTokenizer.Tokenize("19,999,000 rupiah", "en"));
        Assert.Equal(["2", "0", "litre"], TextTokenizer.Words("2.0-litre"));
    }

    [Fact]
    public void ApostrophesJoinContractionsAndNonLatinLettersAreWords()
    {
        Assert.Equal(["car", "wont", "start"], TextTokenizer.Words("Car won't start"));
        Assert.Equal(["café", "größe"], TextTokenizer.Words("Café GRÖSSE".Replace("SS", "ß", StringComparison.Ordinal)));
    }
}
