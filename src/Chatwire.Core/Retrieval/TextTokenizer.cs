namespace Chatwire.Core.Retrieval;

/// <summary>
/// Turns text into search terms: lowercase Unicode words, stop words dropped, lightly stemmed,
/// synonyms of core topics merged (<see cref="TermSynonyms"/>). Queries and passages go through
/// the same function, so the stems only need to be consistent.
/// </summary>
public static class TextTokenizer
{
    private const int MaxWordLength = 64;

    /// <summary>Search terms of <paramref name="text"/>; Indonesian affixes are stripped only for "id" text.</summary>
    public static List<string> Tokenize(string text, string language)
    {
        var indonesian = language == "id";
        var terms = new List<string>();
        foreach (var word in Words(text))
        {
            if (IsNoise(word))
            {
                continue;
            }

            var term = Stem(word, indonesian);
            if (!StopWords.Contains(term))
            {
                terms.Add(TermSynonyms.Canonicalize(term));
            }
        }

        return terms;
    }

    /// <summary>Distinct search terms of <paramref name="text"/> in first-seen order: a query's terms.</summary>
    public static List<string> DistinctTerms(string text, string language)
    {
        var terms = Tokenize(text, language);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        terms.RemoveAll(term => !seen.Add(term));
        return terms;
    }

    /// <summary>The stem of one lowercase word, as <see cref="Tokenize"/> would produce it before merging synonyms.</summary>
    public static string Stem(string word, string language) => Stem(word, language == "id");

    /// <summary>True when <paramref name="word"/> (lowercase) is a stop word in English or Indonesian.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>
    /// Lowercase words without stemming or stop-word removal. Letters and digits form words;
    /// an apostrophe inside a word is dropped ("won't" → "wont"), and thousands separators inside
    /// a number are dropped ("19.999.000" and "19,999,000" → "19999000") so prices match either way.
    /// </summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[MaxWordLength];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (length < MaxWordLength)
                {
                    buffer[length++] = char.ToLowerInvariant(c);
                }

                continue;
            }

            if (length > 0 && IsJoiner(text, i, buffer[length - 1]))
            {
                continue;
            }

            if (length > 0)
            {
                words.Add(new string(buffer[..length]));
                length = 0;
            }
        }

        if (length > 0)
        {
            words.Add(new string(buffer[..length]));
        }

        return words;
    }

    private static bool IsJoiner(string text, int i, char previous)
    {
        var c = text[i];
        if (c is '\'' or '\u2019')
        {
            return char.IsLetter(previous) && i + 1 < text.Length && char.IsLetter(text[i + 1]);
        }

        // A thousands separator: a digit before, exactly three digits after and no fourth.
        return c is ',' or '.' && char.IsDigit(previous) && IsThreeDigitGroup(text, i + 1);
    }

    private static bool IsThreeDigitGroup(string text, int start) =>
        start + 3 <= text.Length
        && char.IsDigit(text[start]) && char.IsDigit(text[start + 1]) && char.IsDigit(text[start + 2])
        && (start + 3 == text.Length || !char.IsDigit(text[start + 3]));

    private static bool IsNoise(string word) =>
        (word.Length == 1 && !char.IsDigit(word[0])) || StopWords.Contains(word);

    private static string Stem(string word, bool indonesian)
    {
        if (indonesian)
        {
            var stem = IndonesianStemmer.Stem(word);
            if (stem != word)
            {
                return stem;
            }
        }

        return EnglishStemmer.Stem(word);
    }
}
