using System.Collections.Frozen;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// Words customers use interchangeably for the core topics of a shop and a car maker, mapped to
/// one search term. Knowledge is written with one word ("transmission", "hp") and questions use
/// another ("gearbox", "horsepower"); Indonesian customers mix in English ("garansi"/"warranty",
/// "servis"/"service"). Applied to passages and questions alike after stemming, so both meet.
/// Groups hold whole concepts only: "buka" (open) is left alone because it is not only store hours.
/// "pengiriman" stems to "kirim", so "kirim" joins shipping: in a shop's questions it means ship.
/// </summary>
internal static class TermSynonyms
{
    private static readonly string[][] Groups =
    [
        ["warranty", "guarantee", "garansi"],
        ["shipping", "delivery", "deliver", "pengiriman"],
        ["payment", "pay", "pembayaran", "bayar"],
        ["installment", "instalment", "cicilan"],
        ["refund", "refunds"],
        ["hours", "jam"],
        ["location", "address", "lokasi", "alamat"],
        ["service", "servicing", "servis"],
        ["hp", "horsepower", "bhp"],
        ["transmission", "gearbox", "transmisi"],
        ["fuel", "petrol", "gasoline", "bensin"],
        ["tyre", "tire", "tyres", "tires", "ban"],
        ["oil", "oli"],
        ["battery", "aki", "baterai"],
    ];

    private static readonly FrozenDictionary<string, string> Canonical = Build();

    /// <summary>The group's search term for a stem, or the stem itself.</summary>
    public static string Canonicalize(string stem) => Canonical.GetValueOrDefault(stem, stem);

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var canonical = TextTokenizer.Stem(group[0], "en");
            foreach (var word in group)
            {
                map[TextTokenizer.Stem(word, "en")] = canonical;
                map[TextTokenizer.Stem(word, "id")] = canonical;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
