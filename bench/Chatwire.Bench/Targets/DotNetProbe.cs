using System.Globalization;
using System.Net.Sockets;

namespace Chatwire.Bench.Targets;

/// <summary>
/// Asks the bench's startup hook inside a .NET server (bench/Chatwire.Bench.Probe) over its Unix
/// socket: one question byte per connection, the answer read to the end.
/// </summary>
public sealed class DotNetProbe(string socketPath)
{
    /// <summary>Managed heap after a full collection.</summary>
    public Task<long?> HeapAsync(CancellationToken cancellationToken) => NumberAsync((byte)'h', cancellationToken);

    /// <summary>Bytes allocated since the server started.</summary>
    public Task<long?> AllocatedAsync(CancellationToken cancellationToken) => NumberAsync((byte)'a', cancellationToken);

    /// <summary>Starts sampling allocations by type.</summary>
    public Task StartSamplingAsync(CancellationToken cancellationToken) => AskAsync((byte)'s', cancellationToken);

    /// <summary>Stops sampling: sampled bytes per type since the start, largest first.</summary>
    public async Task<IReadOnlyList<(long Bytes, string Type)>> StopSamplingAsync(CancellationToken cancellationToken)
    {
        var lines = (await AskAsync((byte)'t', cancellationToken) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(line => line.Split(' ', 2)).Select(parts => (long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]))];
    }

    private async Task<long?> NumberAsync(byte question, CancellationToken cancellationToken) =>
        long.TryParse((await AskAsync(question, cancellationToken))?.Trim(), CultureInfo.InvariantCulture, out var value) ? value : null;

    private async Task<string?> AskAsync(byte question, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            await socket.SendAsync(new[] { question }, cancellationToken);
            using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false));
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
