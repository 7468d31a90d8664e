using System.Globalization;
using System.Text.RegularExpressions;

namespace Chatwire.Core.Brands;

/// <summary>
/// Finds a price limit in a message: "under 15 juta", "di bawah 15 juta", "below 20 million",
/// "under 20,000,000", "max 10jt", "above $500", "sekitar 10 juta". Amounts accept thousands
/// separators of either kind, a decimal part ("15,5 juta"), and the units juta/jt/million/m and
/// ribu/rb/k/thousand. A bare number under 1000 in an IDR shop means millions ("under 15"):
/// no one shops for a 15-rupiah laptop.
/// </summary>
public static partial class BudgetParser
{
    private const string Amount =
        @"(?<currency>rp\.?\s*|idr\s*|\$\s*|usd\s*)?(?<num>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?)\s*"
        + @"(?<unit>juta(?:an)?|jt|million|mio|m|ribu|rb|k|thousand)?(?![\p{L}\d])"
        + @"(?!\s*(?:inch|inches|inci|""|kg|gb|tb|hz|mah|hours?|jam|hari|days?|mm|cm|km|w\b))";

    /// <summary>Fraction above an approximate amount ("around 10 juta") still accepted.</summary>
    public const decimal AroundTolerance = 0.1m;

    public static Budget Parse(string message, string currency) => Parse(message, currency, out _);

    /// <summary>The budget, and the message with the budget phrases removed (so their numbers do not match product names).</summary>
    public static Budget Parse(string message, string currency, out string remainder)
    {
        decimal? min = null;
        decimal? max = null;
        remainder = BoundedAmount().Replace(message, match =>
        {
            var kind = match.Groups["kind"].Value.ToLowerInvariant();
            var hasUnit = match.Groups["unit"].Success || match.Groups["currency"].Success;
            var amount = ToAmount(match, currency);
            switch (KindOf(kind))
            {
                case Bound.Max:
                    max = max is null ? amount : Math.Min(max.Value, amount);
                    break;
                case Bound.Min:
                    min = min is null ? amount : Math.Max(min.Value, amount);
                    break;
                case Bound.Around when hasUnit:
                    max ??= amount * (1 + AroundTolerance);
                    break;
                default:
                    return match.Value;
            }

            return " ";
        });

        if (min is null && max is null)
        {
            // "laptop gaming 15 jutaan": an amount with a unit and no bound reads as "around".
            var bare = UnitAmount().Match(remainder);
            if (bare.Success)
            {
                max = ToAmount(bare, currency) * (1 + AroundTolerance);
                remainder = string.Concat(remainder.AsSpan(0, bare.Index), " ", remainder.AsSpan(bare.Index + bare.Length));
            }
        }

        return new Budget(min, max);
    }

    private enum Bound
    {
        Max,
        Min,
        Around,
    }

    private static Bound KindOf(string kind) => kind switch
    {
        "above" or "over" or "more than" or "at least" or "lebih dari" or "minimal" or "minimum" or "min" => Bound.Min,
        _ when kind.StartsWith("di", StringComparison.Ordinal) && kind.EndsWith("atas", StringComparison.Ordinal) => Bound.Min,
        "around" or "about" or "approximately" or "sekitar" or "kisaran" or "kurang lebih" => Bound.Around,
        _ => Bound.Max,
    };

    private static decimal ToAmount(Match match, string currency)
    {
        var number = match.Groups["num"].Value;
        decimal value;
        if (GroupedNumber().IsMatch(number))
        {
            value = decimal.Parse(number.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }
        else
        {
            value = decimal.Parse(number.Replace(',', '.'), CultureInfo.InvariantCulture);
        }

        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        return unit switch
        {
            "juta" or "jutaan" or "jt" or "million" or "mio" or "m" => value * 1_000_000m,
            "ribu" or "rb" or "k" or "thousand" => value * 1_000m,
            _ when currency == "IDR" && value < 1000 => value * 1_000_000m,
            _ => value,
        };
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?<kind>under|below|less than|cheaper than|up to|at most|not more than|no more than|maximum|max|maksimal|maksimum|maks|budget|within|di\s?bawah|kurang dari|sampai|hingga|tidak lebih dari|anggaran|above|over|more than|at least|minimum|minimal|min|di\s?atas|lebih dari|around|about|approximately|sekitar|kisaran|kurang lebih)[.:]?\s*(?:of\s+|is\s+|nya\s+)?"
            + Amount,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoundedAmount();

    [GeneratedRegex(
        @"(?<currency>rp\.?\s*|idr\s*|\$\s*|usd\s*)?(?<num>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?)\s*(?<unit>juta(?:an)?|jt|million|mio)(?![\p{L}\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnitAmount();

    [GeneratedRegex(@"^\d{1,3}(?:[.,]\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedNumber();
}
