using System.Runtime.CompilerServices;
using Chatwire.Core.Brands;
using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Generation.Offline;

/// <summary>
/// A passage's sentences with their distinct search terms, worked out once per passage. Answers
/// quote the same passages again and again; splitting and stemming them anew for every answer was
/// most of what an offline answer allocated (docs/benchmarks.md, allocations). Kept beside the
/// passage, so a reloaded knowledge base lets the old entries go.
/// </summary>
internal sealed class PassageSentences
{
    private static readonly ConditionalWeakTable<KnowledgePassage, PassageSentences> Cache = new();

    private PassageSentences(KnowledgePassage passage)
    {
        var sentences = Sentences.Split(passage.Text);
        Texts = [.. sentences];
        Terms = [.. sentences.Select(sentence => TextTokenizer.DistinctTerms(sentence, passage.Language).ToArray())];
    }

    /// <summary>The sentences, in reading order.</summary>
    public string[] Texts { get; }

    /// <summary>Each sentence's distinct search terms, in the passage's language.</summary>
    public string[][] Terms { get; }

    public static PassageSentences Of(KnowledgePassage passage) => Cache.GetValue(passage, static p => new PassageSentences(p));
}
