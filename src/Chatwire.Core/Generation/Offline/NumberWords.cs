using System.Text;

namespace Chatwire.Core.Generation.Offline;

/// <summary>
/// Whole numbers in English or Indonesian words, for voice answers: a text-to-speech engine reads
/// "19.999.000" as nineteen point nine nine nine in English and "19,999,000" wrongly in Indonesian,
/// while words are read right by every engine.
/// </summary>
public static class NumberWords
{
    private static readonly string[] EnglishOnes =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] EnglishTens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly string[] IndonesianOnes = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

    private static readonly (long Scale, string English, string Indonesian)[] Scales =
    [
        (1_000_000_000_000, "trillion", "triliun"),
        (1_000_000_000, "billion", "miliar"),
        (1_000_000, "million", "juta"),
        (1_000, "thousand", "ribu"),
    ];

    public static string ToWords(long number, string language)
    {
        if (number < 0)
        {
            return "minus " + ToWords(-number, language);
        }

        if (number == 0)
        {
            return language == "id" ? IndonesianOnes[0] : EnglishOnes[0];
        }

        var words = new StringBuilder();
        var rest = number;
        foreach (var (scale, english, indonesian) in Scales)
        {
            if (rest >= scale)
            {
                var count = (int)(rest / scale);
                rest %= scale;
                Append(words, language == "id"
                    ? (scale == 1_000 && count == 1 ? "seribu" : $"{BelowThousandId(count)} {indonesian}")
                    : $"{BelowThousandEn(count)} {english}");
            }
        }

        if (rest > 0)
        {
            Append(words, language == "id" ? BelowThousandId((int)rest) : BelowThousandEn((int)rest));
        }

        return words.ToString();
    }

    private static void Append(StringBuilder words, string part)
    {
        if (words.Length > 0)
        {
            words.Append(' ');
        }

        words.Append(part);
    }

    private static string BelowThousandEn(int n)
    {
        var hundreds = n / 100;
        var rest = n % 100;
        var head = hundreds > 0 ? EnglishOnes[hundreds] + " hundred" : "";
        if (rest == 0)
        {
            return head;
        }

        var tail = rest < 20 ? EnglishOnes[rest]
            : rest % 10 == 0 ? EnglishTens[rest / 10]
            : $"{EnglishTens[rest / 10]}-{EnglishOnes[rest % 10]}";
        return head.Length == 0 ? tail : $"{head} {tail}";
    }

    private static string BelowThousandId(int n)
    {
        var hundreds = n / 100;
        var rest = n % 100;
        var head = hundreds switch
        {
            0 => "",
            1 => "seratus",
            _ => IndonesianOnes[hundreds] + " ratus",
        };
        if (rest == 0)
        {
            return head;
        }

        var tail = rest switch
        {
            < 10 => IndonesianOnes[rest],
            10 => "sepuluh",
            11 => "sebelas",
            < 20 => IndonesianOnes[rest - 10] + " belas",
            _ when rest % 10 == 0 => IndonesianOnes[rest / 10] + " puluh",
            _ => $"{IndonesianOnes[rest / 10]} puluh {IndonesianOnes[rest % 10]}",
        };
        return head.Length == 0 ? tail : $"{head} {tail}";
    }
}
