using System.Collections.Frozen;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// Words that carry no topic in English or Indonesian chat questions. One union set is used for
/// both languages: a question's language is a guess, and no word here is content in the other language.
/// Chat filler ("please", "tell", "tolong", "mau") is included so that polite phrasing does not
/// lower a question's match relevance, and so are budget words ("di bawah 15 juta"): prices are
/// the product recommender's business, and "bawah" would otherwise match "di bawah 1,5 kg".
/// </summary>
internal static class StopWords
{
    private static readonly string[] English =
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing",
        "have", "has", "had", "having", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
        "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "this", "that", "these", "those",
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "of", "in", "on", "at", "to", "from",
        "by", "for", "with", "about", "as", "into", "onto", "over", "under", "and", "or", "but", "if", "then", "else",
        "so", "than", "too", "very", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
        "not", "no", "yes", "there", "here", "also", "just", "only", "any", "some", "all", "each", "every", "both",
        "more", "most", "other", "such", "same", "up", "out", "again", "please", "tell", "know", "want", "need",
        "like", "hi", "hello", "hey", "thanks", "thank", "ok", "okay", "get", "got", "let", "lets", "much", "many",
        "something", "anything", "give", "show", "explain", "help", "im", "ive", "whats", "dont", "doesnt", "cant",
        "wont", "isnt", "arent", "ll", "re", "ve", "one", "use", "using", "via", "below", "above",
    ];

    private static readonly string[] Indonesian =
    [
        "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "ini", "itu", "adalah", "ada", "akan",
        "sudah", "telah", "belum", "masih", "juga", "saja", "hanya", "atau", "tetapi", "tapi", "karena", "jika",
        "kalau", "bila", "agar", "supaya", "oleh", "sebagai", "bisa", "dapat", "boleh", "harus", "perlu", "mau",
        "ingin", "saya", "aku", "kami", "kita", "anda", "kamu", "dia", "mereka", "nya", "apa", "apakah", "siapa",
        "kapan", "dimana", "mana", "bagaimana", "gimana", "berapa", "kenapa", "mengapa", "tolong", "mohon", "halo",
        "hai", "terima", "kasih", "ya", "tidak", "tak", "bukan", "dong", "sih", "kah", "lah", "deh", "nih", "sangat",
        "lebih", "paling", "sekitar", "tentang", "seperti", "para", "sama", "semua", "setiap", "hal", "tersebut",
        "bagi", "antara", "sampai", "hingga", "lagi", "butuh", "membutuhkan", "cari", "mencari", "punya", "berikan",
        "jelaskan", "beritahu", "info", "minta", "gak", "nggak", "ga", "kok", "pak", "bu", "kak", "min", "sebuah", "satu", "bawah", "atas", "juta", "jt", "ribu", "rb", "makasih", "sama",
    ];

    public static FrozenSet<string> All { get; } = English.Concat(Indonesian).ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string word) => All.Contains(word);
}
