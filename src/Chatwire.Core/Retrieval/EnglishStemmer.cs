using System.Buffers;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// A deliberately light English stemmer: plural -s/-es/-ies, -ing, -ed and a final -e, so that
/// "shipping", "shipped" and "ships" meet at "ship" and "charge"/"charging" at "charg". It only has
/// to be consistent between queries and passages, not produce dictionary words.
/// </summary>
internal static class EnglishStemmer
{
    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouy");

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !IsAllLetters(word))
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = string.Concat(w.AsSpan(0, w.Length - 3), "y");
        }
        else if (w[^1] == 's' && !w.EndsWith("ss", StringComparison.Ordinal)
            && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        if (w.EndsWith("ing", StringComparison.Ordinal) && CanStrip(w, 3))
        {
            w = Repair(w[..^3]);
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && !w.EndsWith("eed", StringComparison.Ordinal) && CanStrip(w, 2))
        {
            w = Repair(w[..^2]);
        }

        // "engine"/"engines" and "price"/"prices" meet without the e; short words keep it ("game", "use").
        if (w.Length >= 5 && w[^1] == 'e')
        {
            w = w[..^1];
        }

        return w;
    }

    private static bool CanStrip(string word, int suffixLength)
    {
        var stemLength = word.Length - suffixLength;
        return stemLength >= 3 && word.AsSpan(0, stemLength).IndexOfAny(Vowels) >= 0;
    }

    /// <summary>"shipp" → "ship", "gam" → "game" (so "gaming" meets "game").</summary>
    private static string Repair(string stem)
    {
        var last = stem[^1];
        if (stem.Length >= 4 && last == stem[^2] && !IsVowel(last) && last is not ('l' or 's' or 'z'))
        {
            return stem[..^1];
        }

        if (stem.Length == 3 && !IsVowel(stem[0]) && IsVowel(stem[1]) && !IsVowel(last) && last is not ('w' or 'x' or 'y'))
        {
            return stem + "e";
        }

        return stem;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    internal static bool IsAllLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
