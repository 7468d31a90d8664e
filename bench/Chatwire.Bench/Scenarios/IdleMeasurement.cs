using Chatwire.Bench.Load;
using Chatwire.Bench.Metrics;
using Chatwire.Bench.Targets;

namespace Chatwire.Bench.Scenarios;

/// <summary>
/// Idle: N authenticated connections held open; the server's resident memory and managed heap
/// (each read after a full collection) before and after, divided by the connections held.
/// </summary>
public static class IdleMeasurement
{
    public static async Task<RunResult> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        await run.WarmUpConnectionsAsync(cancellationToken);
        var (rssBefore, heapBefore) = await MemoryAsync(run, cancellationToken);
        var censusBefore = TakeCensus(run);

        await using var pool = new LoaderPool(run.Spec, run.PerProcess);
        var stats = await pool.ConnectAsync(cancellationToken);
        await Task.Delay(run.Options.Hold, cancellationToken);
        var (rssAfter, heapAfter) = await MemoryAsync(run, cancellationToken);

        var held = Math.Max(1, stats.Held);
        if (censusBefore is not null && TakeCensus(run) is { } censusAfter)
        {
            Console.WriteLine($"heap census: {run.Target.Name} {run.Wire.Name} x{held}");
            Console.Write(HeapCensus.Report(censusBefore, censusAfter, held, top: 60));
        }

        return new RunResult
        {
            Scenario = "idle",
            Target = run.Target.Name,
            Wire = run.Wire.Name,
            Requested = run.Connections,
            Held = stats.Held,
            RssPerConnectionBytes = (rssAfter - rssBefore) / (double)held,
            HeapPerConnectionBytes = heapAfter - heapBefore is { } heap ? heap / (double)held : null,
            Errors = stats.ErrorCount,
            ErrorSample = stats.Errors.Keys.FirstOrDefault(),
            LoaderProcesses = pool.Processes,
        };
    }

    // Chatwire only: Node peers have no CLR heap, and attaching to the Kestrel floor hangs here (not investigated).
    private static HeapCensus? TakeCensus(RunContext run) =>
        run.Options.Census && run.Target.Name == TargetCatalog.Chatwire ? HeapCensus.Take(run.Target.ProcessId) : null;

    /// <summary>Heap first: its full collection also returns memory, so the resident size read after it is settled.</summary>
    public static async Task<(long Rss, long? Heap)> MemoryAsync(RunContext run, CancellationToken cancellationToken)
    {
        var heap = await run.Target.ManagedHeapAsync(cancellationToken);
        return (ProcessStats.Read(run.Target.ProcessId).RssBytes, heap);
    }
}
