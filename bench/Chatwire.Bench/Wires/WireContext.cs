using Chatwire.Bench.Load;

namespace Chatwire.Bench.Wires;

/// <summary>What every client session of one loader process shares.</summary>
public sealed class WireContext
{
    public required Uri BaseUri { get; init; }

    public required LoopbackConnector Connector { get; init; }

    public required string SigningKey { get; init; }

    public required string Message { get; init; }

    /// <summary>Prefix of the per-connection user ids, unique per run so no user's limits carry over.</summary>
    public required string UserPrefix { get; init; }

    public string BrandId { get; init; } = "meridian";

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string TokenFor(int user) => DevTokens.Mint(SigningKey, $"{UserPrefix}-{user}", TimeSpan.FromHours(4));

    public Uri Resolve(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public Uri ResolveWebSocket(string pathAndQuery)
    {
        var builder = new UriBuilder(Resolve(pathAndQuery));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri;
    }
}
