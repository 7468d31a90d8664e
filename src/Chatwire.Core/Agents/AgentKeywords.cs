using Chatwire.Core.Brands;
using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Agents;

/// <summary>
/// A brand's agent keywords as stem sequences. A keyword is stemmed both as English and as
/// Indonesian, since the lists mix the two and a question's stems depend on its language.
/// A multi-word keyword ("check engine") matches only when all its stems are in the question,
/// and then counts once per word: it is more specific than any single word. A word naming a product
/// category ("laptop") counts <see cref="CategoryHitWeight"/>: it says what the question is about
/// the product, not which agent's topic it is, so "laptop warranty" is not a sales question.
/// </summary>
internal sealed class AgentKeywords
{
    public const double CategoryHitWeight = 0.5;

    // Per agent, per keyword, its distinct stem sequences (English and Indonesian readings), each
    // with the weight it counts when all its stems are in a question: fixed per brand, so worked out once.
    private readonly Reading[][][] _agents;

    public AgentKeywords(Brand brand, TopicVocabulary topics)
    {
        _agents = new Reading[brand.Agents.Count][][];
        for (var i = 0; i < _agents.Length; i++)
        {
            var keywords = new List<Reading[]>();
            foreach (var keyword in brand.Agents[i].Keywords)
            {
                var english = TextTokenizer.Tokenize(keyword, "en").ToArray();
                var indonesian = TextTokenizer.Tokenize(keyword, "id").ToArray();
                string[][] readings = english.AsSpan().SequenceEqual(indonesian) ? [english] : [english, indonesian];
                if (Array.Exists(readings, r => r.Length > 0))
                {
                    keywords.Add([.. readings.Select(stems => new Reading(stems, stems.Sum(stem => topics.IsCategory(stem) ? CategoryHitWeight : 1)))]);
                }
            }

            _agents[i] = [.. keywords];
        }
    }

    /// <summary>How many question terms the keywords of the agent at <paramref name="agentIndex"/> account for.</summary>
    public double Hits(int agentIndex, IReadOnlySet<string> questionTerms)
    {
        var hits = 0.0;
        foreach (var readings in _agents[agentIndex])
        {
            var best = 0.0;
            foreach (var (stems, weight) in readings)
            {
                if (weight > best && questionTerms.ContainsAll(stems))
                {
                    best = weight;
                }
            }

            hits += best;
        }

        return hits;
    }

    private readonly record struct Reading(string[] Stems, double Weight);
}
