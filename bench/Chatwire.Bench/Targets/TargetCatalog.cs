using System.Globalization;
using Chatwire.Bench.Wires;

namespace Chatwire.Bench.Targets;

/// <summary>The servers a run compares: Chatwire, the Node peers, the bare Kestrel floor, and the upstream read directly.</summary>
public static class TargetCatalog
{
    public const string Chatwire = "chatwire";
    public const string NodeWs = "node-ws";
    public const string NodeSocketIo = "node-socketio";
    public const string KestrelFloor = "kestrel-floor";
    public const string UpstreamDirect = "upstream-direct";

    public static IReadOnlyList<string> Peers { get; } = [NodeWs, NodeSocketIo, KestrelFloor];

    public static IReadOnlyList<Wire> WiresOf(string target) => target switch
    {
        Chatwire => Wire.Chatwire,
        NodeWs or KestrelFloor => [Wire.WsChat],
        NodeSocketIo => [Wire.SocketIo],
        UpstreamDirect => [Wire.OpenAi],
        _ => throw new ArgumentException($"unknown target '{target}' (known: {Chatwire}, {string.Join(", ", Peers)})"),
    };

    /// <summary>Null when the target can run here; otherwise why not (e.g. peers' npm packages not installed).</summary>
    public static string? WhyUnavailable(string target, TargetSettings settings) => target switch
    {
        NodeWs or NodeSocketIo when !Directory.Exists(Path.Combine(settings.Layout.Peers, "node_modules")) =>
            $"{settings.Layout.Peers}/node_modules is missing: run `npm ci` in bench/peers",
        Chatwire when !File.Exists(settings.Layout.ServerDll) => $"{settings.Layout.ServerDll} is missing: build the solution in {RepoLayout.Configuration}",
        KestrelFloor when !File.Exists(settings.Layout.FloorDll) => $"{settings.Layout.FloorDll} is missing: build the solution in {RepoLayout.Configuration}",
        _ => null,
    };

    public static Task<Target> StartAsync(string target, TargetSettings settings, CancellationToken cancellationToken) => target switch
    {
        Chatwire => StartChatwireAsync(settings, cancellationToken),
        NodeWs => StartNodeAsync(NodeWs, "ws-peer.mjs", settings, cancellationToken),
        NodeSocketIo => StartNodeAsync(NodeSocketIo, "socketio-peer.mjs", settings, cancellationToken),
        KestrelFloor => StartFloorAsync(settings, cancellationToken),
        _ => throw new ArgumentException($"cannot start '{target}'"),
    };

    private static async Task<Target> StartChatwireAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        // Inside the run's work folder, which is deleted when the run ends.
        var data = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, $"data-{Guid.NewGuid():N}")).FullName;
        var probe = ProbeSocket(settings, Chatwire);
        var process = await ServerProcess.StartAsync(
            "dotnet",
            port => [settings.Layout.ServerDll, .. ChatwireSettings.Arguments(port, data, settings)],
            HeapProbes.DotNetEnvironment(settings.Layout, probe),
            "/health",
            cancellationToken);
        var dotNet = new DotNetProbe(probe);
        return new Target(Chatwire, WiresOf(Chatwire), process, dotNet.HeapAsync, dotNet);
    }

    private static async Task<Target> StartNodeAsync(string name, string script, TargetSettings settings, CancellationToken cancellationToken)
    {
        var process = await ServerProcess.StartAsync(
            "node",
            port => ["--expose-gc", Path.Combine(settings.Layout.Peers, script), "--port", Invariant(port), "--text-file", settings.TextFile, "--wps", Invariant(settings.WordsPerSecond)],
            new Dictionary<string, string> { ["BENCH_JWT_KEY"] = settings.SigningKey },
            "/health",
            cancellationToken);
        return new Target(name, WiresOf(name), process, HeapProbes.Node(() => process.BaseUri));
    }

    private static async Task<Target> StartFloorAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        var probe = ProbeSocket(settings, KestrelFloor);
        var process = await ServerProcess.StartAsync(
            "dotnet",
            port => [settings.Layout.FloorDll, "--urls", $"http://127.0.0.1:{port}", "--TextFile", settings.TextFile, "--WordsPerSecond", Invariant(settings.WordsPerSecond)],
            HeapProbes.DotNetEnvironment(settings.Layout, probe),
            "/health",
            cancellationToken);
        var dotNet = new DotNetProbe(probe);
        return new Target(KestrelFloor, WiresOf(KestrelFloor), process, dotNet.HeapAsync, dotNet);
    }

    private static string ProbeSocket(TargetSettings settings, string name) =>
        Path.Combine(settings.WorkDirectory, $"{name}-{Guid.NewGuid():N}.sock");

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
