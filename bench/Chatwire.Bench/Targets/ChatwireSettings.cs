using System.Globalization;

namespace Chatwire.Bench.Targets;

/// <summary>
/// The configuration Chatwire runs under in the bench: its shipped defaults, except what a load
/// test must change (port, data folder, signing key, pace, logging, and per-user limits that a
/// client asking back to back for minutes would otherwise hit).
/// </summary>
public static class ChatwireSettings
{
    public static IEnumerable<string> Arguments(int port, string dataDirectory, TargetSettings settings)
    {
        string[] arguments =
        [
            "--Urls", $"http://127.0.0.1:{port}",
            "--Database:DataDirectory", dataDirectory,
            "--Auth:SigningKey", settings.SigningKey,
            "--Generation:OfflineWordsPerSecond", settings.WordsPerSecond.ToString(CultureInfo.InvariantCulture),
            // Every request logged at Information would measure the console, not the server.
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore", "Warning",
            // Idle sessions must not be closed by the Engine.IO connect timeout while held.
            "--SocketIo:ConnectTimeout", "00:10:00",
            // Every client is its own user asking back to back for minutes: seed 003's 100 requests
            // per 15 minutes and the 10-credit starting balance would refuse most of a run. The
            // policies still run on every turn; only their limits are out of reach.
            "--RateLimits:AuthenticatedRequests", "100000000",
            "--RateLimits:AnonymousRequests", "100000000",
            "--Usage:StartingBalance", "100000000",
            "--Usage:AnonymousDailyMessages", "100000000",
        ];
        foreach (var argument in arguments)
        {
            yield return argument;
        }

        if (settings.UpstreamBaseUrl is { } upstream)
        {
            foreach (var argument in Upstream(upstream))
            {
                yield return argument;
            }
        }

        foreach (var argument in settings.ServerArguments)
        {
            yield return argument;
        }
    }

    /// <summary>An OpenAI-compatible provider named <c>bench</c> and a default model on it, as tests/Chatwire.Server.Tests/Engine/FallbackTests.cs configures one.</summary>
    private static IEnumerable<string> Upstream(Uri baseUrl) =>
    [
        "--Generation:Providers:bench:BaseUrl", baseUrl.ToString().TrimEnd('/'),
        "--Generation:Providers:bench:ApiKey", "bench",
        "--Generation:Models:1:Name", "bench-upstream",
        "--Generation:Models:1:Provider", "bench",
        "--Generation:Models:1:UpstreamModel", "bench",
        "--Generation:DefaultModel", "bench-upstream",
    ];
}
