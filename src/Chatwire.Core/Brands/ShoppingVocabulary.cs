using System.Collections.Frozen;

namespace Chatwire.Core.Brands;

/// <summary>
/// The English and Indonesian words shoppers use for categories, uses and price order, mapped to
/// canonical names. Catalogue files use the canonical English names ("Laptop", "students"), so
/// "ponsel", "hp" and "smartphone" all find category "Phone" and "kuliah" finds use "students".
/// </summary>
internal static class ShoppingVocabulary
{
    public static FrozenDictionary<string, string> Categories { get; } = Map(new()
    {
        ["laptop"] = ["laptop", "laptops", "notebook", "notebooks", "ultrabook"],
        ["phone"] = ["phone", "phones", "smartphone", "smartphones", "ponsel", "handphone", "hape", "mobile", "cellphone", "iphone"],
        ["accessories"] = ["accessory", "accessories", "aksesoris", "aksesori", "mouse", "headphone", "headphones", "headset", "earbuds", "charger", "powerbank", "hub", "keyboard"],
        ["tablet"] = ["tablet", "tablets", "ipad"],
    });

    /// <summary>"hp" is Indonesian for a mobile phone, but also a laptop maker and horsepower: only in Indonesian text.</summary>
    public static FrozenDictionary<string, string> IndonesianOnlyCategories { get; } = Map(new()
    {
        ["phone"] = ["hp"],
    });

    public static FrozenDictionary<string, string> Uses { get; } = Map(new()
    {
        ["business"] = ["business", "bisnis", "work", "kerja", "office", "kantor", "professional", "profesional", "meeting", "corporate"],
        ["gaming"] = ["gaming", "game", "games", "gamer", "gamers", "esports", "esport"],
        ["students"] = ["student", "students", "mahasiswa", "kuliah", "pelajar", "siswa", "sekolah", "school", "college", "university", "kampus", "study", "belajar"],
        ["creative"] = ["creative", "design", "desain", "editing", "designer", "kreatif"],
        ["photography"] = ["camera", "kamera", "photo", "photos", "photography", "foto", "fotografi"],
        ["travel"] = ["travel", "traveling", "travelling", "portable", "lightweight", "ringan", "perjalanan"],
    });

    public static FrozenSet<string> Cheapest { get; } = Set(
        "cheapest", "cheap", "cheaper", "affordable", "lowest", "inexpensive", "murah", "termurah", "termurahnya", "hemat");

    public static FrozenSet<string> MostExpensive { get; } = Set(
        "expensive", "priciest", "premium", "flagship", "mahal", "termahal", "termahalnya");

    /// <summary>Words that make a message about shopping without naming anything in the catalogue.</summary>
    public static FrozenSet<string> Intent { get; } = Set(
        "buy", "purchase", "recommend", "recommendation", "recommendations", "suggest", "suggestion", "looking",
        "shop", "shopping", "price", "prices", "cost", "costs", "stock", "available", "availability", "sell",
        "product", "products", "model", "models", "option", "options", "best", "budget", "beli", "membeli",
        "rekomendasi", "rekomendasikan", "sarankan", "saran", "harga", "harganya", "stok", "tersedia", "produk",
        "jual", "terbaik", "pilihan", "bagus", "cocok");

    private static FrozenDictionary<string, string> Map(Dictionary<string, string[]> groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, words) in groups)
        {
            foreach (var word in words)
            {
                map[word] = canonical;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
