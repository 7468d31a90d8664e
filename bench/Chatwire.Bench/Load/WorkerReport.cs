namespace Chatwire.Bench.Load;

/// <summary>A loader process's <see cref="LoadStats"/> as JSON, so several processes' figures add up.</summary>
public sealed class WorkerReport
{
    public int Held { get; set; }

    public long TokenFrames { get; set; }

    public long TokenFramesInWindow { get; set; }

    public long Turns { get; set; }

    public Dictionary<int, long>? TimeToFirstToken { get; set; }

    public Dictionary<int, long>? InterTokenGap { get; set; }

    public Dictionary<string, long>? Errors { get; set; }
}
