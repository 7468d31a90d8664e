namespace Chatwire.Bench.Targets;

/// <summary>What every server of one run is started with.</summary>
public sealed class TargetSettings
{
    public required RepoLayout Layout { get; init; }

    public required string WorkDirectory { get; init; }

    public required string SigningKey { get; init; }

    /// <summary>Words per second of the answer (0 = as fast as possible).</summary>
    public double WordsPerSecond { get; init; }

    /// <summary>The answer peers stream, word by word (Chatwire's own answer to the question when known).</summary>
    public string TextFile { get; set; } = "";

    /// <summary>When set, Chatwire answers through this OpenAI-compatible upstream instead of its offline responder.</summary>
    public Uri? UpstreamBaseUrl { get; init; }

    /// <summary>Extra <c>--Section:Key value</c> pairs for Chatwire.</summary>
    public IReadOnlyList<string> ServerArguments { get; init; } = [];
}
