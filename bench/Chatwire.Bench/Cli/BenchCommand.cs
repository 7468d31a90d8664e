using Chatwire.Bench.Load;
using Chatwire.Bench.Metrics;
using Chatwire.Bench.Scenarios;
using Chatwire.Bench.Targets;

namespace Chatwire.Bench.Cli;

/// <summary>A scenario run: raise the file limit, run every target, print the table and ratios, judge (with --check).</summary>
public static class BenchCommand
{
    // Files a loader process keeps for itself (assemblies, pipes, the runtime) besides its connections.
    private const int FileHeadroom = 1000;

    public static async Task<int> RunAsync(string scenarioName, string[] args)
    {
        if (!Enum.TryParse<ScenarioKind>(scenarioName, ignoreCase: true, out var scenario))
        {
            throw new ArgumentException($"unknown scenario '{scenarioName}'");
        }

        var options = BenchOptions.Parse(scenario, args);
        var files = FileLimit.Raise();
        var perProcess = options.PerProcess > 0 ? options.PerProcess : files is { Soft: var soft } ? (int)Math.Min(int.MaxValue, soft) - FileHeadroom : 10_000;
        var environment = RunEnvironment.Capture(new RepoLayout(options.ServerDll).Root, files);
        PrintEnvironment(options, environment, perProcess);

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var results = await new ScenarioRunner(options, perProcess).RunAsync(cancel.Token);
        var summary = options.Rounds > 1 ? ResultTable.Medians(results) : results;
        var ratios = ResultTable.Ratios(summary, scenario is ScenarioKind.Paced or ScenarioKind.Upstream ? options.WordsPerSecond : 0).ToList();
        if (options.Rounds > 1)
        {
            ratios.AddRange(ResultTable.RoundRatios(results));
        }

        Console.WriteLine();
        if (options.Rounds > 1)
        {
            Console.WriteLine(ResultTable.Text(results));
            Console.WriteLine($"median of {options.Rounds} rounds (the run with the median frames/s; idle: RSS per connection):");
        }

        Console.WriteLine(ResultTable.Text(summary));
        foreach (var line in ratios)
        {
            Console.WriteLine(line);
        }

        if (options.MarkdownFile is { } markdown)
        {
            await File.AppendAllTextAsync(markdown, Markdown(options, environment, summary, ratios));
        }

        return options.Check ? Judge(results) : 0;
    }

    private static void PrintEnvironment(BenchOptions options, RunEnvironment environment, int perProcess)
    {
        Console.WriteLine($"scenario {options.Scenario.ToString().ToLowerInvariant()}: {string.Join(",", options.Connections)} connections, wires {string.Join(",", options.Wires)}, targets {string.Join(",", options.Targets)}");
        Console.WriteLine($"{environment.Date}, commit {environment.Commit}, {environment.Machine}");
        Console.WriteLine($"load average {environment.LoadAverage}; open files {environment.FileLimit} (a loader process holds up to {perProcess} connections, more are split over worker processes; a server holds at most its own limit); {environment.Kernel}");
        if (environment.OneMinuteLoad > 1.5)
        {
            Console.WriteLine($"warning: load average {environment.OneMinuteLoad} on {Environment.ProcessorCount} cores: other work shares the machine, figures are noisy");
        }
    }

    private static string Markdown(BenchOptions options, RunEnvironment environment, IReadOnlyList<RunResult> results, IReadOnlyList<string> ratios) =>
        $"""

        ### {options.Scenario.ToString().ToLowerInvariant()}: {string.Join(", ", options.Connections)} connections, {options.WordsPerSecond} words/s{(options.AnswerWords > 0 ? $", {options.AnswerWords}-word answers through the fake upstream" : "")}

        {environment.Date}, commit `{environment.Commit}`, {environment.Machine}; load average {environment.LoadAverage}; open files {environment.FileLimit}.

        {ResultTable.Markdown(results)}
        {string.Join("\n", ratios.Select(r => "- " + r))}

        """;

    /// <summary>The smoke run's verdict: one line per row, PASS or FAIL, and the exit code.</summary>
    private static int Judge(IReadOnlyList<RunResult> results)
    {
        var failed = 0;
        foreach (var r in results)
        {
            string? problem = r.Skipped is not null ? null
                : r.Held < r.Requested ? $"held {r.Held} of {r.Requested}"
                : r.Errors > 0 ? $"{r.Errors} errors ({r.ErrorSample})"
                : r.Streams && r.TokenFrames == 0 ? "no token frames"
                : null;
            Console.WriteLine($"{(problem is null ? r.Skipped is null ? "PASS" : "SKIP" : "FAIL")} {r.Scenario} {r.Target} {r.Wire}{(problem is null ? "" : ": " + problem)}");
            failed += problem is null ? 0 : 1;
        }

        return failed == 0 ? 0 : 1;
    }
}
