using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chatwire.Bench.Cli;
using Chatwire.Bench.Load;
using Chatwire.Bench.Metrics;
using Chatwire.Bench.Targets;
using Chatwire.Bench.Upstream;
using Chatwire.Bench.Wires;

namespace Chatwire.Bench.Scenarios;

/// <summary>
/// Runs one scenario against every target in turn: for each connection count, each target is
/// started fresh, measured on each of its wires, and stopped before the next one starts, so no
/// two servers compete for the two cores.
/// </summary>
public sealed class ScenarioRunner(BenchOptions options, int perProcess)
{
    private readonly string _runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
    private readonly string _signingKey = DevTokens.NewSigningKey();
    private bool _knowsChatwireAnswer;

    public async Task<List<RunResult>> RunAsync(CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("chatwire-bench-");
        try
        {
            var textFile = Path.Combine(work.FullName, "answer.txt");
            await File.WriteAllTextAsync(textFile, AnswerText.OfLength(options.AnswerWords), cancellationToken);
            var layout = new RepoLayout(options.ServerDll);
            await using var upstream = options.ViaUpstream ? await StartUpstreamAsync(textFile, cancellationToken) : null;
            var settings = new TargetSettings
            {
                Layout = layout,
                WorkDirectory = work.FullName,
                SigningKey = _signingKey,
                WordsPerSecond = options.WordsPerSecond,
                TextFile = textFile,
                UpstreamBaseUrl = upstream is null ? null : new Uri(upstream.BaseUri, "/v1"),
                ServerArguments = options.ServerArguments,
            };

            var results = new List<RunResult>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var inRound = new List<RunResult>();
                foreach (var connections in options.Connections)
                {
                    foreach (var target in options.Targets)
                    {
                        inRound.AddRange(await RunTargetAsync(target, connections, settings, cancellationToken));
                    }

                    if (upstream is not null && options.Scenario == ScenarioKind.Upstream)
                    {
                        var direct = new Target(TargetCatalog.UpstreamDirect, [Wire.OpenAi], upstream, _ => Task.FromResult<long?>(null));
                        inRound.Add(await MeasureAsync(direct, Wire.OpenAi, connections, cancellationToken));
                    }
                }

                results.AddRange(inRound.Select(r => r with { Round = round }));
            }

            return results;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<List<RunResult>> RunTargetAsync(string name, int connections, TargetSettings settings, CancellationToken cancellationToken)
    {
        var wires = options.Wires.Where(w => TargetCatalog.WiresOf(name).Contains(w) && (options.Scenario != ScenarioKind.Idle || w.HoldsIdle)).ToList();
        var results = new List<RunResult>();
        if (wires.Count == 0)
        {
            return results;
        }

        if (TargetCatalog.WhyUnavailable(name, settings) is { } unavailable)
        {
            results.AddRange(wires.Select(w => Skipped(name, w, connections, unavailable)));
            return results;
        }

        // A fresh server per wire, so each row starts from the same empty process; the smoke run
        // shares one per target to stay within its time budget.
        Target? shared = null;
        try
        {
            foreach (var wire in wires)
            {
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {options.Scenario} {name} {wire} x{connections}");
                var target = shared ?? await TargetCatalog.StartAsync(name, settings, cancellationToken);
                try
                {
                    if (name == TargetCatalog.Chatwire && !_knowsChatwireAnswer && !options.ViaUpstream)
                    {
                        await LearnAnswerAsync(target, settings.TextFile, cancellationToken);
                    }

                    if (await target.WhyMissingAsync(wire, cancellationToken) is { } missing)
                    {
                        Console.Error.WriteLine("  skip: " + missing);
                        results.Add(Skipped(name, wire, connections, missing));
                    }
                    else
                    {
                        var result = await MeasureAsync(target, wire, connections, cancellationToken);
                        results.Add(result);
                        if (result.Errors > 0 && target.LogTail.Length > 0)
                        {
                            Console.Error.WriteLine($"  {result.Errors} errors; the server's last lines:\n{target.LogTail}");
                        }
                    }
                }
                finally
                {
                    if (options.Smoke)
                    {
                        shared = target;
                    }
                    else
                    {
                        await target.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (shared is not null)
            {
                await shared.DisposeAsync();
            }
        }

        return results;
    }

    private Task<RunResult> MeasureAsync(Target target, Wire wire, int connections, CancellationToken cancellationToken)
    {
        var run = new RunContext(options, target, wire, connections, _signingKey, _runId, perProcess);
        return options.Scenario == ScenarioKind.Idle
            ? IdleMeasurement.RunAsync(run, cancellationToken)
            : StreamMeasurement.RunAsync(options.Scenario.ToString().ToLowerInvariant(), run, cancellationToken);
    }

    /// <summary>Peers stream Chatwire's own answer to the question, so every server sends the same words.</summary>
    private async Task LearnAnswerAsync(Target chatwire, string textFile, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(chatwire.BaseUri, "/api/v1/chat"))
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["message"] = options.Message, ["brand_id"] = "meridian" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(_signingKey, $"bench-{_runId}-answer", TimeSpan.FromHours(1)));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.TryGetProperty("response", out var answer) && answer.GetString() is { Length: > 0 } text)
            {
                await File.WriteAllTextAsync(textFile, text.ReplaceLineEndings(" "), cancellationToken);
                _knowsChatwireAnswer = true;
                Console.Error.WriteLine($"  peers stream Chatwire's answer: {AnswerText.Words(text).Count} words");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
        {
            Console.Error.WriteLine($"  could not read Chatwire's answer ({exception.Message}); peers stream the default text");
        }
    }

    private async Task<ServerProcess> StartUpstreamAsync(string textFile, CancellationToken cancellationToken) =>
        await ServerProcess.StartAsync(
            "dotnet",
            port =>
            [
                typeof(ScenarioRunner).Assembly.Location, "fake-upstream", "--port", port.ToString(CultureInfo.InvariantCulture),
                "--first-token-ms", options.FirstTokenMs.ToString(CultureInfo.InvariantCulture),
                "--wps", options.WordsPerSecond.ToString(CultureInfo.InvariantCulture), "--text-file", textFile,
            ],
            new Dictionary<string, string>(),
            "/health",
            cancellationToken);

    private RunResult Skipped(string target, Wire wire, int connections, string why) => new()
    {
        Scenario = options.Scenario.ToString().ToLowerInvariant(),
        Target = target,
        Wire = wire.Name,
        Requested = connections,
        Skipped = why,
    };
}
