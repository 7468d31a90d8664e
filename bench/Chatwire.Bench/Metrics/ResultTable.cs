using System.Globalization;
using System.Text;

namespace Chatwire.Bench.Metrics;

/// <summary>Prints the results as an aligned table and as Markdown, with Chatwire's ratios to each peer.</summary>
public static class ResultTable
{
    private static readonly string[] Header =
    [
        "target", "wire", "conns held", "RSS/conn KB", "heap/conn KB", "RSS@100k MB", "TTFT p50 ms", "TTFT p99 ms",
        "gap p50 ms", "gap p99 ms", "frames/s", "CPU s/10k", "alloc B/frame", "loader CPU s/10k", "errors",
    ];

    public static string[] Cells(RunResult r) => r.Skipped is not null
        ? [r.Target, r.Wire, $"0/{r.Requested}", "skipped", "", "", "", "", "", "", "", "", "", "", ""]
        :
        [
            r.Target, r.Wire, $"{r.Held}/{r.Requested}" + (r.LoaderProcesses > 1 ? $" ({r.LoaderProcesses} loaders)" : ""),
            Kb(r.RssPerConnectionBytes), Kb(r.HeapPerConnectionBytes),
            r.RssPerConnectionBytes is { } rss ? (rss * 100_000 / (1024 * 1024)).ToString("0", CultureInfo.InvariantCulture) : "",
            Ms(r.TtftP50), Ms(r.TtftP99), Ms(r.GapP50), Ms(r.GapP99),
            r.TokensPerSecond?.ToString("#,0", CultureInfo.InvariantCulture) ?? "",
            r.CpuPer10kTokens?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
            r.AllocatedBytesPerFrame?.ToString("#,0", CultureInfo.InvariantCulture) ?? "",
            r.LoaderCpuPer10kTokens?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
            r.Errors == 0 ? "0" : $"{r.Errors} ({r.ErrorSample})",
        ];

    public static string Text(IReadOnlyList<RunResult> results)
    {
        var rows = Rows(results).ToList();
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        foreach (var skipped in results.Where(r => r.Skipped is not null && r.Round == 1))
        {
            text.AppendLine($"skipped {skipped.Target} {skipped.Wire}: {skipped.Skipped}");
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<RunResult> results)
    {
        var rows = Rows(results).ToList();
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
        text.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", rows[0].Length)));
        foreach (var row in rows.Skip(1))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return text.ToString();
    }

    /// <summary>
    /// Of several rounds, the row of each target, wire and count with the median frames/s (idle: the
    /// median RSS per connection), so the figures in one row all come from one run.
    /// </summary>
    public static List<RunResult> Medians(IReadOnlyList<RunResult> results) =>
        [.. results.GroupBy(r => (r.Target, r.Wire, r.Requested)).Select(rounds =>
        {
            var ran = rounds.Where(r => r.Skipped is null).OrderBy(r => r.TokensPerSecond ?? r.RssPerConnectionBytes ?? 0).ToList();
            return ran.Count == 0 ? rounds.First() : ran[ran.Count / 2];
        })];

    /// <summary>Chatwire's frames/s (idle: RSS per connection) ratio to each peer, round by round: the spread behind a median.</summary>
    public static IEnumerable<string> RoundRatios(IReadOnlyList<RunResult> results)
    {
        var ran = results.Where(r => r.Skipped is null && r.Held > 0).ToList();
        var pairs = from chatwire in ran
                    where chatwire.Target == "chatwire"
                    from peer in ran
                    where peer.Target != "chatwire" && peer.Target != "upstream-direct" && peer.Round == chatwire.Round
                        && peer.Requested == chatwire.Requested && peer.Wire == chatwire.Wire
                    group (chatwire, peer) by (peer.Target, chatwire.Wire, chatwire.Requested);
        foreach (var pair in pairs)
        {
            var streams = pair.First().chatwire.Streams;
            var ratios = pair.OrderBy(p => p.chatwire.Round).Select(p => streams
                ? Ratio(p.chatwire.TokensPerSecond, p.peer.TokensPerSecond)
                : Ratio(p.chatwire.RssPerConnectionBytes, p.peer.RssPerConnectionBytes));
            yield return $"chatwire / {pair.Key.Target} ({pair.Key.Wire}, x{pair.Key.Requested}) round by round: {(streams ? "frames/s" : "RSS/conn")} {string.Join(", ", ratios)}";
        }
    }

    private static IEnumerable<string[]> Rows(IReadOnlyList<RunResult> results)
    {
        // A round column only when there are rounds to tell apart.
        var rounds = results.Any(r => r.Round > 1);
        yield return rounds ? ["round", .. Header] : Header;
        foreach (var result in results)
        {
            yield return rounds ? [result.Round.ToString(CultureInfo.InvariantCulture), .. Cells(result)] : Cells(result);
        }
    }

    /// <summary>Chatwire against each peer on the same wire and count; against the upstream read directly; paced delay over nominal.</summary>
    public static IEnumerable<string> Ratios(IReadOnlyList<RunResult> results, double wordsPerSecond)
    {
        var ran = results.Where(r => r.Skipped is null && r.Held > 0).ToList();
        foreach (var chatwire in ran.Where(r => r.Target == "chatwire"))
        {
            foreach (var peer in ran.Where(r => r.Target != "chatwire" && r.Requested == chatwire.Requested && (r.Wire == chatwire.Wire || r.Target == "upstream-direct")))
            {
                if (peer.Target == "upstream-direct")
                {
                    yield return $"chatwire {chatwire.Wire} x{chatwire.Requested} adds to the upstream: TTFT p50 {Delta(chatwire.TtftP50, peer.TtftP50)} ms, p99 {Delta(chatwire.TtftP99, peer.TtftP99)} ms; "
                        + $"gap p50 {Delta(chatwire.GapP50, peer.GapP50)} ms, p99 {Delta(chatwire.GapP99, peer.GapP99)} ms";
                    continue;
                }

                var parts = new List<string>();
                if (chatwire.Streams)
                {
                    parts.Add($"frames/s {Ratio(chatwire.TokensPerSecond, peer.TokensPerSecond)}");
                    parts.Add($"TTFT p99 {Ratio(chatwire.TtftP99, peer.TtftP99)}");
                    parts.Add($"CPU/token {Ratio(chatwire.CpuPer10kTokens, peer.CpuPer10kTokens)}");
                }

                parts.Add($"RSS/conn {Ratio(chatwire.RssPerConnectionBytes, peer.RssPerConnectionBytes)}");
                parts.Add($"heap/conn {Ratio(chatwire.HeapPerConnectionBytes, peer.HeapPerConnectionBytes)}");
                yield return $"chatwire / {peer.Target} ({chatwire.Wire}, x{chatwire.Requested}): {string.Join(", ", parts)}";
            }
        }

        if (wordsPerSecond > 0)
        {
            var nominal = 1000 / wordsPerSecond;
            foreach (var r in ran.Where(r => r.GapP99 is not null))
            {
                yield return $"{r.Target} {r.Wire} x{r.Requested}: inter-token gap over the nominal {nominal:0} ms: p50 {r.GapP50 - nominal:+0.0;-0.0} ms, p99 {r.GapP99 - nominal:+0.0;-0.0} ms";
            }
        }
    }

    private static string Kb(double? bytes) => bytes is { } b ? (b / 1024).ToString("0.0", CultureInfo.InvariantCulture) : "";

    private static string Ms(double? ms) => ms?.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) ?? "";

    private static string Ratio(double? a, double? b) => a is { } x && b is { } y && y != 0 ? (x / y).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";

    private static string Delta(double? a, double? b) => a is { } x && b is { } y ? (x - y).ToString("+0.00;-0.00", CultureInfo.InvariantCulture) : "n/a";
}
