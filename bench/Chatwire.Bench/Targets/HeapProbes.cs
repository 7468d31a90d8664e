using System.Text.Json;

namespace Chatwire.Bench.Targets;

/// <summary>Reads a server's managed heap: .NET servers through the bench's startup hook, Node peers through their /stats.</summary>
public static class HeapProbes
{
    /// <summary>Environment that loads the startup hook into a .NET server and names its socket.</summary>
    public static Dictionary<string, string> DotNetEnvironment(RepoLayout layout, string socketPath) => new()
    {
        ["DOTNET_STARTUP_HOOKS"] = layout.ProbeDll,
        ["CHATWIRE_BENCH_PROBE"] = socketPath,
    };

    public static Func<CancellationToken, Task<long?>> Node(Func<Uri> baseUri) => async cancellationToken =>
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUri(), "/stats"), cancellationToken));
            return stats.RootElement.GetProperty("heapBytes").GetInt64();
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    };
}
