namespace Chatwire.Bench.Metrics;

/// <summary>One row of the results: one target, one wire, one connection count.</summary>
public sealed record RunResult
{
    public required string Scenario { get; init; }

    public required string Target { get; init; }

    public required string Wire { get; init; }

    public required int Requested { get; init; }

    /// <summary>Which of the <c>--rounds</c> this row is from (1 when there is one).</summary>
    public int Round { get; init; } = 1;

    public int Held { get; init; }

    /// <summary>Why the row was not run (wire missing, peer not installed); null when it ran.</summary>
    public string? Skipped { get; init; }

    public double? RssPerConnectionBytes { get; init; }

    public double? HeapPerConnectionBytes { get; init; }

    /// <summary>Milliseconds.</summary>
    public double? TtftP50 { get; init; }

    public double? TtftP99 { get; init; }

    public double? GapP50 { get; init; }

    public double? GapP99 { get; init; }

    public double? TokensPerSecond { get; init; }

    /// <summary>All token frames, including those of answers still finishing after the window closed.</summary>
    public long TokenFrames { get; init; }

    /// <summary>Server CPU seconds per 10,000 token frames.</summary>
    public double? CpuPer10kTokens { get; init; }

    /// <summary>Loader CPU seconds per 10,000 token frames (the loader shares the machine).</summary>
    public double? LoaderCpuPer10kTokens { get; init; }

    /// <summary>Bytes the server allocated per token frame over the window, every per-answer allocation included (.NET servers only).</summary>
    public double? AllocatedBytesPerFrame { get; init; }

    public long Errors { get; init; }

    public string? ErrorSample { get; init; }

    public int LoaderProcesses { get; init; } = 1;

    public bool Streams => TokensPerSecond is not null;
}
