using Chatwire.Bench.Cli;
using Chatwire.Bench.Load;
using Chatwire.Bench.Targets;
using Chatwire.Bench.Wires;

namespace Chatwire.Bench.Scenarios;

/// <summary>One target, one wire, one connection count: what a measurement needs to build its loaders.</summary>
public sealed record RunContext(BenchOptions Options, Target Target, Wire Wire, int Connections, string SigningKey, string RunId, int PerProcess)
{
    public WorkerSpec Spec => new()
    {
        Wire = Wire.Name,
        BaseUri = Target.BaseUri.ToString(),
        Connections = Connections,
        SigningKey = SigningKey,
        UserPrefix = $"bench-{RunId}-{Target.Name}-{Wire.Name}-{Connections}",
        Message = Options.Message,
        Sources = Options.Sources,
        KeepAliveSeconds = Options.KeepAlive.TotalSeconds,
    };

    /// <summary>A few connections opened and closed first, so JIT, pools and first-use allocations are not counted per connection.</summary>
    public async Task WarmUpConnectionsAsync(CancellationToken cancellationToken)
    {
        await using (var warm = new LoaderPool(Spec.Share(Math.Min(Connections, 100), 10_000_000), int.MaxValue))
        {
            await warm.ConnectAsync(cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(Options.Smoke ? 0.2 : 1), cancellationToken);
    }
}
