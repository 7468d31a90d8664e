using System.Diagnostics;
using Chatwire.Bench.Load;
using Chatwire.Bench.Metrics;

namespace Chatwire.Bench.Scenarios;

/// <summary>
/// Burst, paced and upstream: N connections open, a discarded warm-up, then every client asks and
/// streams answers back to back for the window. Throughput counts token frames received inside
/// the window; CPU is the server's (and the loader's) over the same window.
/// </summary>
public static class StreamMeasurement
{
    public static async Task<RunResult> RunAsync(string scenario, RunContext run, CancellationToken cancellationToken)
    {
        var (rssBefore, heapBefore) = await IdleMeasurement.MemoryAsync(run, cancellationToken);
        await using var pool = new LoaderPool(run.Spec, run.PerProcess);
        var connected = await pool.ConnectAsync(cancellationToken);
        var errors = new LoadStats();
        errors.Add(connected.ToReport());
        if (run.Options.Warmup > TimeSpan.Zero)
        {
            var warm = await pool.StreamAsync(run.Options.Warmup, cancellationToken);
            errors.Add(new WorkerReport { Errors = new(warm.Errors) });
        }

        var serverBefore = ProcessStats.Read(run.Target.ProcessId);
        var loaderBefore = LoaderCpu(pool);
        var dotNet = run.Target.DotNet;
        var allocatedBefore = dotNet is null ? null : await dotNet.AllocatedAsync(cancellationToken);
        var sampling = run.Options.Census && dotNet is not null;
        if (sampling)
        {
            await dotNet!.StartSamplingAsync(cancellationToken);
        }

        var streaming = pool.StreamAsync(run.Options.Duration, cancellationToken);
        await Task.Delay(run.Options.Duration, cancellationToken);
        var serverAfter = ProcessStats.Read(run.Target.ProcessId);
        var loaderAfter = LoaderCpu(pool);
        var allocatedAfter = dotNet is null ? null : await dotNet.AllocatedAsync(cancellationToken);
        var sampled = sampling ? await dotNet!.StopSamplingAsync(cancellationToken) : [];
        var stats = await streaming;
        var heapAfter = await run.Target.ManagedHeapAsync(cancellationToken);

        errors.Add(new WorkerReport { Errors = new(stats.Errors) });
        var held = Math.Max(1, connected.Held);
        var frames = stats.TokenFramesInWindow;
        if (sampling && frames > 0)
        {
            Console.WriteLine($"allocation sample: {run.Target.Name} {run.Wire.Name} x{run.Connections}, bytes per token frame by type (ticks every ~100 KB)");
            foreach (var (bytes, type) in sampled.Take(30))
            {
                Console.WriteLine($"  {bytes / (double)frames,8:0.0}  {type}");
            }
        }

        double? Per10k(double cpu) => frames > 0 ? cpu / frames * 10_000 : null;
        var direct = run.Target.Name == Targets.TargetCatalog.UpstreamDirect;
        return new RunResult
        {
            Scenario = scenario,
            Target = run.Target.Name,
            Wire = run.Wire.Name,
            Requested = run.Connections,
            Held = connected.Held,
            // The fake upstream's memory says nothing about a chat server.
            RssPerConnectionBytes = direct ? null : (serverAfter.RssBytes - rssBefore) / (double)held,
            HeapPerConnectionBytes = direct ? null : heapAfter - heapBefore is { } heap ? heap / (double)held : null,
            TtftP50 = Millis(stats.TimeToFirstToken.Percentile(50)),
            TtftP99 = Millis(stats.TimeToFirstToken.Percentile(99)),
            GapP50 = Millis(stats.InterTokenGap.Percentile(50)),
            GapP99 = Millis(stats.InterTokenGap.Percentile(99)),
            TokensPerSecond = frames / run.Options.Duration.TotalSeconds,
            TokenFrames = stats.TokenFrames,
            CpuPer10kTokens = Per10k(serverAfter.CpuSeconds - serverBefore.CpuSeconds),
            LoaderCpuPer10kTokens = Per10k(loaderAfter - loaderBefore),
            AllocatedBytesPerFrame = frames > 0 && allocatedAfter - allocatedBefore is { } allocated ? allocated / (double)frames : null,
            Errors = errors.ErrorCount,
            ErrorSample = errors.Errors.Keys.FirstOrDefault(),
            LoaderProcesses = pool.Processes,
        };
    }

    private static double LoaderCpu(LoaderPool pool) =>
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds + ProcessStats.Sum(pool.WorkerProcessIds).CpuSeconds;

    private static double? Millis(double? micros) => micros / 1000;
}
