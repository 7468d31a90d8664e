using System.Collections.Frozen;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// English or Indonesian by counting marker words: function words, greetings and shopping words
/// that are frequent in one language and absent from the other. Short messages are the hard case
/// ("halo", "terima kasih", "berapa harga"), so every marker counts, and a few Indonesian affixes
/// (-nya, meng-/peng-/meny-/peny-) add half a point each.
/// </summary>
public sealed class LanguageDetector : ILanguageDetector
{
    private static readonly FrozenSet<string> EnglishMarkers = new[]
    {
        "the", "is", "are", "was", "were", "what", "how", "do", "does", "did", "you", "your", "i", "my", "me",
        "can", "could", "would", "please", "hello", "thanks", "thank", "where", "when", "which", "who", "why",
        "with", "for", "and", "of", "to", "a", "an", "it", "this", "that", "have", "has", "much", "cheapest",
        "under", "below", "need", "want", "good", "best", "open", "hours", "price", "buy", "recommend", "there",
        "any", "about", "tell", "get", "will", "not", "dont", "its", "from", "in", "on", "at",
        "morning", "afternoon", "evening", "store", "shipping", "warranty", "return", "cost", "costs",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> IndonesianMarkers = new[]
    {
        "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "apa", "apakah", "berapa", "bagaimana", "gimana",
        "bisa", "saya", "aku", "anda", "kamu", "kami", "ini", "itu", "ada", "tidak", "nggak", "gak", "ya",
        "halo", "hai", "terima", "kasih", "harga", "murah", "termurah", "mau", "ingin", "tolong", "mohon", "jam",
        "buka", "toko", "kapan", "mana", "dimana", "sudah", "belum", "juga", "atau", "karena", "jika", "kalau",
        "selamat", "pagi", "siang", "sore", "malam", "juta", "jt", "ribu", "rb", "bagus", "cocok", "mahasiswa",
        "kuliah", "gratis", "ongkir", "cicilan", "garansi", "pengiriman", "bayar", "lampu", "mesin", "tenaga",
        "dong", "sih", "deh", "kak", "butuh", "cari", "beli", "pakai", "bawah", "maksimal", "sampai", "berapakah",
        "bagaimanakah", "kenapa", "mengapa", "tersedia", "stok", "servis", "jadwal", "baterai", "aki",
    }.ToFrozenSet(StringComparer.Ordinal);

    public string Detect(string text, string fallback = "en")
    {
        var english = 0.0;
        var indonesian = 0.0;
        foreach (var word in TextTokenizer.Words(text))
        {
            if (EnglishMarkers.Contains(word))
            {
                english += 1;
            }

            if (IndonesianMarkers.Contains(word))
            {
                indonesian += 1;
            }
            else if (LooksAffixedIndonesian(word))
            {
                indonesian += 0.5;
            }
        }

        return indonesian > english ? "id" : english > indonesian ? "en" : fallback;
    }

    private static bool LooksAffixedIndonesian(string word) =>
        word.Length >= 6
        && (word.EndsWith("nya", StringComparison.Ordinal)
            || word.StartsWith("meng", StringComparison.Ordinal) || word.StartsWith("peng", StringComparison.Ordinal)
            || word.StartsWith("meny", StringComparison.Ordinal) || word.StartsWith("peny", StringComparison.Ordinal));
}
