namespace Chatwire.Core.Retrieval;

/// <summary>Membership checks of stem sequences, run per keyword and phrase on every question.</summary>
internal static class TermSets
{
    /// <summary>
    /// True when every stem is in <paramref name="terms"/>. A loop rather than
    /// <c>Array.TrueForAll(stems, terms.Contains)</c>, which builds a delegate per call: on every
    /// question, once per keyword of every agent (docs/benchmarks.md, allocations).
    /// </summary>
    public static bool ContainsAll(this IReadOnlySet<string> terms, string[] stems)
    {
        foreach (var stem in stems)
        {
            if (!terms.Contains(stem))
            {
                return false;
            }
        }

        return true;
    }
}
