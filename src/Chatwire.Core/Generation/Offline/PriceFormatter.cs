using System.Globalization;

namespace Chatwire.Core.Generation.Offline;

/// <summary>Prices as shoppers in each currency write them, and as a voice should say them.</summary>
public static class PriceFormatter
{
    private static readonly NumberFormatInfo Rupiah = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    /// <summary>"Rp 19.999.000" for IDR (no cents in rupiah), "$1,299.00" for USD, "1,299.00 EUR" otherwise.</summary>
    public static string Format(decimal price, string currency) => currency switch
    {
        "IDR" => "Rp " + decimal.Round(price).ToString("#,0", Rupiah),
        "USD" => "$" + price.ToString("#,0.00", CultureInfo.InvariantCulture),
        _ => price.ToString("#,0.00", CultureInfo.InvariantCulture) + " " + currency,
    };

    /// <summary>"nineteen million nine hundred ninety-nine thousand rupiah", "sembilan belas juta ... rupiah", "twelve dollars and fifty cents".</summary>
    public static string Speak(decimal price, string currency, string language)
    {
        var whole = (long)decimal.Truncate(price);
        var cents = (int)decimal.Round((price - whole) * 100);
        var words = NumberWords.ToWords(whole, language);
        return currency switch
        {
            "IDR" => words + " rupiah",
            "USD" when language == "id" => words + " dolar" + (cents > 0 ? $" {NumberWords.ToWords(cents, language)} sen" : ""),
            "USD" => words + (whole == 1 ? " dollar" : " dollars") + (cents > 0 ? $" and {NumberWords.ToWords(cents, language)} cents" : ""),
            _ => words + " " + currency,
        };
    }
}
