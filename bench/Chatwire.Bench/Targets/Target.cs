using System.Net;
using System.Net.WebSockets;
using Chatwire.Bench.Wires;

namespace Chatwire.Bench.Targets;

/// <summary>A running server under test: Chatwire or a peer, the wires it speaks, and how to read its managed heap and allocations.</summary>
public sealed class Target(
    string name,
    IReadOnlyList<Wire> wires,
    ServerProcess process,
    Func<CancellationToken, Task<long?>> managedHeap,
    DotNetProbe? dotNet = null) : IAsyncDisposable
{
    public string Name { get; } = name;

    public IReadOnlyList<Wire> Wires { get; } = wires;

    public Uri BaseUri => process.BaseUri;

    public int ProcessId => process.ProcessId;

    /// <summary>The last lines the server wrote (Chatwire logs at Warning in runs), to explain errors.</summary>
    public string LogTail => process.Tail;

    /// <summary>Managed heap after a full collection (GC heap for .NET, V8 heap for Node); null when unreadable.</summary>
    public Task<long?> ManagedHeapAsync(CancellationToken cancellationToken) => managedHeap(cancellationToken);

    /// <summary>The startup hook inside a .NET server (allocations); null for Node peers.</summary>
    public DotNetProbe? DotNet { get; } = dotNet;

    /// <summary>Null when the server has this wire; otherwise why it is skipped (its endpoint answers 404).</summary>
    public async Task<string?> WhyMissingAsync(Wire wire, CancellationToken cancellationToken)
    {
        var status = wire.ProbeByUpgrade ? await UpgradeStatusAsync(wire.ProbePath, cancellationToken) : await GetStatusAsync(wire.ProbePath, cancellationToken);
        return status == HttpStatusCode.NotFound
            ? $"{wire.ProbePath} answered 404: this build of {Name} does not have the {wire.Name} wire"
            : null;
    }

    private async Task<HttpStatusCode> GetStatusAsync(string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(BaseUri, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode;
    }

    // A WebSocket endpoint may answer a plain GET with 404 (ws's http server does), so ask for the upgrade.
    private async Task<HttpStatusCode> UpgradeStatusAsync(string path, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(new Uri("ws" + new Uri(BaseUri, path).ToString()[4..]), timeout.Token);
            socket.Abort();
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
