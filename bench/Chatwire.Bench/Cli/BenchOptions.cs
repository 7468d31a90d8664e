using System.Globalization;
using Chatwire.Bench.Scenarios;
using Chatwire.Bench.Targets;
using Chatwire.Bench.Wires;

namespace Chatwire.Bench.Cli;

/// <summary>A run's settings: the scenario's defaults (<see cref="ScenarioDefaults"/>), overridden by the command line.</summary>
public sealed class BenchOptions
{
    public required ScenarioKind Scenario { get; init; }

    public required IReadOnlyList<int> Connections { get; init; }

    public required IReadOnlyList<Wire> Wires { get; init; }

    /// <summary>Chatwire first, then the peers, in the order the rows are printed.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    public required TimeSpan Duration { get; init; }

    public required TimeSpan Warmup { get; init; }

    public required TimeSpan Hold { get; init; }

    public required double WordsPerSecond { get; init; }

    public required double FirstTokenMs { get; init; }

    /// <summary>
    /// 0: Chatwire answers with its offline responder and peers stream that answer. N: every server
    /// streams the same N-word text, Chatwire through the fake upstream, so per-answer costs
    /// (storage, retrieval) spread over N tokens and the wires' per-token cost shows.
    /// </summary>
    public required int AnswerWords { get; init; }

    /// <summary>Chatwire answers through the fake OpenAI-compatible upstream.</summary>
    public bool ViaUpstream => Scenario == ScenarioKind.Upstream || AnswerWords > 0;

    public required int Sources { get; init; }

    /// <summary>Most connections one loader process holds; more are split over worker processes. 0 = from the file limit.</summary>
    public required int PerProcess { get; init; }

    public required string Message { get; init; }

    public required TimeSpan KeepAlive { get; init; }

    public required IReadOnlyList<string> ServerArguments { get; init; }

    public string? ServerDll { get; init; }

    /// <summary>Append the results as Markdown to this file.</summary>
    public string? MarkdownFile { get; init; }

    /// <summary>Exit non-zero when a row has errors, missing connections or no tokens (the smoke run's pass/fail).</summary>
    public bool Check { get; init; }

    public bool Smoke { get; init; }

    /// <summary>Idle, Chatwire: print which types the connections added to the live heap (ClrMD).</summary>
    public bool Census { get; init; }

    /// <summary>How many times every row is run, round-robin over the targets, so slow moments of a shared machine hit every target alike.</summary>
    public int Rounds { get; init; } = 1;

    public static BenchOptions Parse(ScenarioKind scenario, string[] args)
    {
        var named = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var name = args[i][2..];
            if (name is "smoke" or "check" or "census")
            {
                flags.Add(name);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"--{name} needs a value");
            }

            if (!named.TryGetValue(name, out var values))
            {
                named[name] = values = [];
            }

            values.Add(args[++i]);
        }

        var smoke = flags.Contains("smoke");
        var defaults = ScenarioDefaults.For(scenario, smoke);
        string? One(string name) => named.Remove(name, out var values) ? values[^1] : null;
        double Number(string name, double fallback) => One(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => TimeSpan.FromSeconds(Number(name, fallback.TotalSeconds));
        IEnumerable<string> List(string name, IEnumerable<string> fallback) =>
            One(name) is { } v ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;

        var targets = List("targets", defaults.Targets).ToList();
        if (targets.Remove("peers"))
        {
            targets.AddRange(TargetCatalog.Peers);
        }

        var wires = List("wire", defaults.Wires.Select(w => w.Name)).ToList();
        var options = new BenchOptions
        {
            Scenario = scenario,
            Connections = [.. List("connections", defaults.Connections.Select(c => c.ToString(CultureInfo.InvariantCulture))).Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            Wires = wires is ["all"] ? [.. Wire.Chatwire.Where(w => scenario != ScenarioKind.Idle || w.HoldsIdle)] : [.. wires.Select(Wire.Parse)],
            Targets = [.. targets.Distinct().OrderBy(t => t == TargetCatalog.Chatwire ? 0 : 1)],
            Duration = Seconds("duration", defaults.Duration),
            Warmup = Seconds("warmup", defaults.Warmup),
            Hold = Seconds("hold", defaults.Hold),
            WordsPerSecond = Number("wps", defaults.WordsPerSecond),
            FirstTokenMs = Number("first-token-ms", scenario == ScenarioKind.Upstream ? 100 : 0),
            AnswerWords = (int)Number("answer-words", 0),
            Sources = (int)Number("sources", 4),
            PerProcess = (int)Number("per-process", defaults.PerProcess),
            Message = One("message") ?? "What is the engine power?",
            KeepAlive = Seconds("keepalive", TimeSpan.FromSeconds(30)),
            ServerArguments = named.Remove("server-arg", out var serverArgs) ? [.. serverArgs.SelectMany(ServerArgument)] : [],
            ServerDll = One("server-dll"),
            MarkdownFile = One("markdown"),
            Check = smoke || flags.Contains("check"),
            Census = flags.Contains("census"),
            Smoke = smoke,
            Rounds = Math.Max(1, (int)Number("rounds", 1)),
        };
        if (named.Count > 0)
        {
            throw new ArgumentException($"unknown option --{named.Keys.First()}");
        }

        foreach (var target in options.Targets)
        {
            TargetCatalog.WiresOf(target);
        }

        return options;
    }

    /// <summary><c>Section:Key=value</c> becomes <c>--Section:Key value</c>.</summary>
    private static string[] ServerArgument(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? ["--" + pair[..equals].TrimStart('-'), pair[(equals + 1)..]] : throw new ArgumentException($"--server-arg wants Section:Key=value, not '{pair}'");
    }
}
