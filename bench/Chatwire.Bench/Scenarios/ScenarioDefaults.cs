using Chatwire.Bench.Targets;
using Chatwire.Bench.Wires;

namespace Chatwire.Bench.Scenarios;

/// <summary>Each scenario's defaults: the full run the targets in docs/benchmarks.md are stated for, and its smoke version.</summary>
public sealed record ScenarioDefaults(
    IReadOnlyList<int> Connections,
    IReadOnlyList<Wire> Wires,
    IReadOnlyList<string> Targets,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Hold,
    double WordsPerSecond,
    int PerProcess)
{
    private static readonly string[] WithPeers = [TargetCatalog.Chatwire, .. TargetCatalog.Peers];

    public static ScenarioDefaults For(ScenarioKind scenario, bool smoke) => (scenario, smoke) switch
    {
        (ScenarioKind.Idle, false) => new([1_000, 5_000, 15_000], [Wire.WsChat, Wire.SocketIo], WithPeers, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(10), 0, 0),
        // The smoke run splits its 40 connections over two loader processes so that path stays working too.
        (ScenarioKind.Idle, true) => new([40], [Wire.WsChat, Wire.SocketIo], WithPeers, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), 0, 20),
        (ScenarioKind.Burst, false) => new([1_000], [Wire.WsChat, Wire.SocketIo], WithPeers, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), TimeSpan.Zero, 0, 0),
        (ScenarioKind.Burst, true) => new([20], [Wire.WsChat, Wire.SocketIo, Wire.BrandChat, Wire.SseGet, Wire.SsePost], WithPeers, TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.Zero, 0, 0),
        (ScenarioKind.Paced, false) => new([10_000], [Wire.WsChat, Wire.SocketIo], WithPeers, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), TimeSpan.Zero, 20, 0),
        (ScenarioKind.Paced, true) => new([20], [Wire.WsChat, Wire.SocketIo], [TargetCatalog.Chatwire], TimeSpan.FromSeconds(1.5), TimeSpan.Zero, TimeSpan.Zero, 20, 0),
        (ScenarioKind.Upstream, false) => new([1_000], [Wire.WsChat], [TargetCatalog.Chatwire], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), TimeSpan.Zero, 50, 0),
        (ScenarioKind.Upstream, true) => new([20], [Wire.WsChat], [TargetCatalog.Chatwire], TimeSpan.FromSeconds(1.5), TimeSpan.Zero, TimeSpan.Zero, 50, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };
}
