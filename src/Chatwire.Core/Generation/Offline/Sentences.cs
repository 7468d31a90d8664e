using System.Text.RegularExpressions;

namespace Chatwire.Core.Generation.Offline;

/// <summary>Splits passage text into sentences and strips the markdown a sentence may carry.</summary>
internal static partial class Sentences
{
    /// <summary>
    /// Sentences of <paramref name="text"/>: each line (list items and table rows are lines) is
    /// split after ".", "!" or "?" followed by a space and a capital letter or digit, so "2.0-litre",
    /// "e.g. the" and "Rp 5.000.000" stay whole.
    /// </summary>
    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = Clean(rawLine);
            if (line.Length == 0)
            {
                continue;
            }

            var start = 0;
            foreach (var boundary in Boundary().EnumerateMatches(line))
            {
                var end = boundary.Index + 1;
                sentences.Add(line[start..end].Trim());
                start = boundary.Index + boundary.Length;
            }

            var last = line[start..].Trim();
            if (last.Length > 0)
            {
                sentences.Add(last);
            }
        }

        return sentences;
    }

    /// <summary>A line without list markers, heading marks, emphasis and code ticks.</summary>
    public static string Clean(string line)
    {
        var cleaned = ListMarker().Replace(line.Trim(), "");
        cleaned = cleaned.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
        return cleaned.Trim().Trim('|').Trim();
    }

    /// <summary>The sentence with a final full stop if it has no end punctuation.</summary>
    public static string Terminated(string sentence) =>
        sentence.Length > 0 && sentence[^1] is '.' or '!' or '?' ? sentence : sentence + ".";

    [GeneratedRegex(@"[.!?](?=\s+[\p{Lu}\d""(])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"^(?:[-*+]\s+|\d+[.)]\s+|#+\s+|>\s*)", RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();
}
