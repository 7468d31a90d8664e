using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Chatwire.Core.Generation.Offline;

/// <summary>
/// Makes one sentence fit for text-to-speech: prices and grouped numbers become words in the
/// answer's language ("Rp 19.999.000" → "nineteen million nine hundred ninety-nine thousand
/// rupiah", "5,800 rpm" → "five thousand eight hundred rpm"), parentheses become commas, and
/// markdown and line breaks go. Small plain numbers ("185 kW", "8,1 liter") are left as digits:
/// every engine reads those correctly.
/// </summary>
internal static partial class SpeechText
{
    public static string Normalize(string text, string language)
    {
        var spoken = Rupiah().Replace(text, m => PriceFormatter.Speak(ParseGrouped(m.Groups["num"].Value), "IDR", language));
        spoken = Dollars().Replace(spoken, m =>
        {
            var amount = ParseGrouped(m.Groups["num"].Value);
            if (m.Groups["cents"].Success)
            {
                amount += decimal.Parse(m.Groups["cents"].Value, CultureInfo.InvariantCulture) / 100;
            }

            return PriceFormatter.Speak(amount, "USD", language);
        });
        spoken = GroupedNumber().Replace(spoken, m => NumberWords.ToWords((long)ParseGrouped(m.Value), language));
        spoken = spoken.Replace(" (", ", ", StringComparison.Ordinal).Replace("(", "", StringComparison.Ordinal).Replace(")", ",", StringComparison.Ordinal);

        var builder = new StringBuilder(spoken.Length);
        foreach (var c in spoken)
        {
            if (c is '*' or '_' or '`' or '#' or '|' or '[' or ']')
            {
                continue;
            }

            builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        var result = Spaces().Replace(builder.ToString(), " ").Replace(" ,", ",", StringComparison.Ordinal).Replace(",,", ",", StringComparison.Ordinal).Trim();
        return Sentences.Terminated(result.TrimEnd(',', ';', ':', ' '));
    }

    private static decimal ParseGrouped(string number) =>
        decimal.Parse(number.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Rp\.?\s?(?<num>\d{1,3}(?:\.\d{3})+|\d+)(?:,-)?", RegexOptions.CultureInvariant)]
    private static partial Regex Rupiah();

    [GeneratedRegex(@"\$\s?(?<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<cents>\d{2}))?", RegexOptions.CultureInvariant)]
    private static partial Regex Dollars();

    /// <summary>Thousands grouped with one kind of separator: 5,800 or 4.720 or 1.000.000.</summary>
    [GeneratedRegex(@"(?<![\d.,])\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+)(?![\d]|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedNumber();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
