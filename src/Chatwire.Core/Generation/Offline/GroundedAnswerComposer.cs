using System.Globalization;
using System.Text;
using Chatwire.Core.Brands;
using Chatwire.Core.Retrieval;
using Chatwire.Core.Text;

namespace Chatwire.Core.Generation.Offline;

/// <summary>
/// Writes the offline answer from a <see cref="Grounding"/> and nothing else: the sentences of the
/// best passages that share words with the question, quoted, followed by the source documents;
/// the suggested products with their prices; or, when nothing matches well enough, an honest
/// "I don't know" that lists what the brand's agents can help with. It never adds a fact of its own.
/// </summary>
public static class GroundedAnswerComposer
{
    private static readonly LanguageDetector Languages = new();

    /// <summary>Passages below this relevance are not used: the answer says it does not know instead.</summary>
    public const double MinimumRelevance = 0.3;

    /// <summary>A second passage is used only when it is nearly as relevant as the first.</summary>
    public const double SecondPassageRatio = 0.75;

    /// <summary>In voice mode a product suggestion this confident is spoken instead of a passage sentence.</summary>
    public const double VoiceProductConfidence = 0.6;

    public const int MaxPassages = 2;
    public const int MaxSentences = 3;

    public static string Compose(Grounding? grounding, string question) => Compose(grounding, question, out _);

    /// <summary>Composes the answer and names the source documents it actually drew on (none for greetings and no-match answers).</summary>
    public static string Compose(Grounding? grounding, string question, out IReadOnlyList<string> sources)
    {
        sources = [];
        if (grounding is null)
        {
            // Without a brand there is nothing to ground on: say so, in the asker's language.
            return AnswerPhrases.For(Languages.Detect(question)).NoGrounding;
        }

        var words = AnswerPhrases.For(grounding.Language);
        var passages = UsablePassages(grounding.Passages, grounding.Language);
        var products = grounding.Products.Products;
        if (passages.Count == 0 && products.Count == 0 && IsSmallTalk(question, grounding.Language))
        {
            return Greeting(grounding, question, words);
        }

        if (grounding.Voice)
        {
            var spoken = ComposeVoice(grounding, question, passages, words, out var usedPassages);
            sources = usedPassages ? SourcesOf(passages) : [];
            return spoken;
        }

        var answer = ReusableStringBuilder.Acquire();
        if (passages.Count > 0)
        {
            answer.AppendJoin(' ', BestSentences(passages, question, MaxSentences));
        }

        if (products.Count > 0)
        {
            if (answer.Length > 0)
            {
                answer.Append("\n\n");
            }

            answer.Append(passages.Count > 0 ? words.ProductsAfterAnswer : words.ProductsOnly);
            foreach (var product in products)
            {
                answer.Append("\n- ").Append(ProductLine(product, grounding.Brand.Currency, words));
            }
        }

        if (answer.Length == 0)
        {
            ReusableStringBuilder.Release(answer);
            return string.Format(CultureInfo.InvariantCulture, words.NoMatch, grounding.Brand.Name, Topics(grounding.Brand, words));
        }

        if (passages.Count > 0)
        {
            var cited = SourcesOf(passages);
            answer.Append("\n\n(").Append(cited.Count == 1 ? words.Source : words.Sources).Append(": ")
                .AppendJoin(", ", cited).Append(')');
            sources = cited;
        }

        return ReusableStringBuilder.ToStringAndRelease(answer);
    }

    /// <summary>Voice: exactly one sentence, no markdown, no source note, numbers in words.</summary>
    private static List<string> SourcesOf(List<RetrievedPassage> passages) =>
        passages.Select(p => p.Passage.Source).Distinct(StringComparer.Ordinal).ToList();

    private static string ComposeVoice(Grounding grounding, string question, List<RetrievedPassage> passages, AnswerPhrases words, out bool usedPassages)
    {
        usedPassages = false;
        var products = grounding.Products.Products;
        var preferProducts = products.Count > 0
            && (passages.Count == 0 || (grounding.Products.Confidence ?? 0) >= VoiceProductConfidence);
        if (preferProducts)
        {
            var currency = grounding.Brand.Currency;
            var language = grounding.Language;
            var sentence = new StringBuilder();
            sentence.AppendFormat(CultureInfo.InvariantCulture, words.RecommendVoice, products[0].Name, PriceFormatter.Speak(products[0].Price, currency, language));
            if (!products[0].Availability)
            {
                sentence.Append(words.OutOfStockVoice);
            }
            else if (products.Count > 1 && products[1].Availability)
            {
                sentence.AppendFormat(CultureInfo.InvariantCulture, words.AlternativeVoice, products[1].Name, PriceFormatter.Speak(products[1].Price, currency, language));
            }

            return SpeechText.Normalize(sentence.ToString(), language);
        }

        if (passages.Count > 0)
        {
            usedPassages = true;
            return SpeechText.Normalize(BestSentences(passages, question, 1)[0], grounding.Language);
        }

        return SpeechText.Normalize(string.Format(CultureInfo.InvariantCulture, words.NoMatchVoice, Topics(grounding.Brand, words)), grounding.Language);
    }

    /// <summary>
    /// The top passage and, if nearly as relevant, the next one; passages in the answer's language
    /// only, unless none is, so an Indonesian answer does not switch to English halfway.
    /// </summary>
    private static List<RetrievedPassage> UsablePassages(IReadOnlyList<RetrievedPassage> retrieved, string language)
    {
        var usable = new List<RetrievedPassage>(MaxPassages);
        var top = retrieved.Count == 0 ? 0 : retrieved.Max(p => p.Relevance);
        if (top < MinimumRelevance)
        {
            return usable;
        }

        foreach (var passage in retrieved.OrderByDescending(p => p.Relevance))
        {
            if (usable.Count == MaxPassages || passage.Relevance < Math.Max(MinimumRelevance, top * SecondPassageRatio))
            {
                break;
            }

            usable.Add(passage);
        }

        if (usable.Exists(p => p.Passage.Language == language))
        {
            usable.RemoveAll(p => p.Passage.Language != language);
        }

        return usable;
    }

    /// <summary>
    /// Up to <paramref name="max"/> sentences with the most question terms, best passage first,
    /// returned in reading order. A passage matched only through its title gives its opening.
    /// </summary>
    private static List<string> BestSentences(List<RetrievedPassage> passages, string question, int max)
    {
        var scored = new List<(int Passage, int Position, int Hits, string Text)>();
        var questionTerms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var p = 0; p < passages.Count; p++)
        {
            var passage = passages[p].Passage;
            if (!questionTerms.TryGetValue(passage.Language, out var terms))
            {
                terms = questionTerms[passage.Language] = TextTokenizer.DistinctTerms(question, passage.Language).ToHashSet(StringComparer.Ordinal);
            }

            var sentences = PassageSentences.Of(passage);
            for (var s = 0; s < sentences.Texts.Length; s++)
            {
                var hits = CountIn(terms, sentences.Terms[s]);
                if (hits > 0 || (p == 0 && s == 0))
                {
                    scored.Add((p, s, hits, sentences.Texts[s]));
                }
            }
        }

        var chosen = scored
            .OrderByDescending(x => x.Hits)
            .ThenBy(x => x.Passage)
            .ThenBy(x => x.Position)
            .Take(max)
            .OrderBy(x => x.Passage)
            .ThenBy(x => x.Position)
            .Select(x => Sentences.Terminated(x.Text))
            .ToList();
        return chosen;
    }

    private static int CountIn(HashSet<string> terms, string[] candidates)
    {
        var count = 0;
        foreach (var candidate in candidates)
        {
            count += terms.Contains(candidate) ? 1 : 0;
        }

        return count;
    }

    private static string ProductLine(Product product, string currency, AnswerPhrases words)
    {
        var line = $"{product.Name}: {PriceFormatter.Format(product.Price, currency)}";
        if (product.Description.Length > 0)
        {
            line += ". " + Sentences.Terminated(product.Description).TrimEnd('.');
        }

        return product.Availability ? line + "." : $"{line} ({words.OutOfStock}).";
    }

    /// <summary>A message with no search terms at all: "halo", "thanks!", "hi there".</summary>
    private static bool IsSmallTalk(string question, string language) =>
        TextTokenizer.DistinctTerms(question, language).Count == 0;

    /// <summary>A welcome (or "you're welcome") and what the brand can help with; one sentence in voice mode.</summary>
    private static string Greeting(Grounding grounding, string question, AnswerPhrases words)
    {
        var help = string.Format(CultureInfo.InvariantCulture, words.HelpWith, Topics(grounding.Brand, words));
        if (grounding.Voice)
        {
            return SpeechText.Normalize(help, grounding.Language);
        }

        var thanked = TextTokenizer.Words(question).Exists(word => word is "thanks" or "thank" or "kasih" or "makasih" or "thx");
        var opening = thanked ? words.YouAreWelcome : grounding.Brand.WelcomeIn(grounding.Language);
        return $"{opening} {help}";
    }

    /// <summary>What the brand can help with: its agents, by name.</summary>
    private static string Topics(Brand brand, AnswerPhrases words) =>
        words.List(brand.Agents.Select(agent => agent.Name).ToArray());
}
