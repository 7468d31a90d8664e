namespace Chatwire.Bench.Upstream;

/// <summary>The answer streamed by servers that do not compose their own (peers, the fake upstream).</summary>
public static class AnswerText
{
    /// <summary>Used when Chatwire's own answer is not known (no Chatwire in the run, or the upstream scenario).</summary>
    public const string Default =
        "The Meridian engine delivers its rated power smoothly across the whole range, with a broad torque band " +
        "that makes overtaking easy and keeps fuel use low on long trips. Service intervals are long, the cooling " +
        "system copes with heavy loads, and the warranty covers the drivetrain for five years. Ask me about the " +
        "trims, the prices or a test drive and I will find the details for you.";

    /// <summary>The default text repeated or cut to <paramref name="words"/> words (0: the default text as it is).</summary>
    public static string OfLength(int words)
    {
        var source = Default.Split(' ');
        return words <= 0 ? Default : string.Join(' ', Enumerable.Range(0, words).Select(i => source[i % source.Length]));
    }

    /// <summary>Words with their leading space, as a model streams them; joined they give the text back.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        [.. text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((word, i) => i == 0 ? word : " " + word)];
}
