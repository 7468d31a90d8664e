using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Tests.Retrieval;

public sealed class LanguageDetectorTests
{
    private readonly LanguageDetector _detector = new();

    [Theory]
    [InlineData("What is the engine power?")]
    [InlineData("I need a laptop for business work")]
    [InlineData("What are your store hours?")]
    [InlineData("Hello")]
    [InlineData("thanks!")]
    [InlineData("How much is shipping to Bali?")]
    public void EnglishIsDetected(string text)
    {
        Assert.Equal("en", _detector.Detect(text, fallback: "id"));
    }

    [Theory]
    [InlineData("halo")]
    [InlineData("Terima kasih")]
    [InlineData("berapa harga")]
    [InlineData("Saya mau laptop gaming di bawah 15 juta")]
    [InlineData("Kapan jadwal servis berikutnya?")]
    [InlineData("Apakah ada cicilan 0%?")]
    [InlineData("Mesin tidak bisa menyala")]
    public void IndonesianIsDetected(string text)
    {
        Assert.Equal("id", _detector.Detect(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("RTX 4070")]
    [InlineData("ok")]
    public void NoSignalGivesTheFallback(string text)
    {
        Assert.Equal("id", _detector.Detect(text, fallback: "id"));
        Assert.Equal("en", _detector.Detect(text, fallback: "en"));
    }
}
