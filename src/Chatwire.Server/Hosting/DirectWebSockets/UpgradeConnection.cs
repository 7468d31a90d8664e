using System.Net;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// The connection a direct WebSocket upgrade runs on: Kestrel's pipes (<see cref="PipeUpgradeConnection"/>,
/// behind connection middleware) or a bare socket of Chatwire's own transport (<see cref="SocketUpgradeConnection"/>).
/// Until <see cref="UpgradeAsync"/> nothing has been taken from it.
/// </summary>
internal abstract class UpgradeConnection
{
    public abstract string ConnectionId { get; }

    public abstract EndPoint? LocalEndPoint { get; }

    public abstract EndPoint? RemoteEndPoint { get; }

    /// <summary>Cancelled when the connection, or the server, goes away while the endpoint decides.</summary>
    public abstract CancellationToken Closed { get; }

    /// <summary>
    /// Takes the request head (its first <paramref name="headLength"/> bytes) off the connection,
    /// sends <paramref name="responseHead"/>, and returns the stream the WebSocket then runs over.
    /// </summary>
    public abstract ValueTask<Stream> UpgradeAsync(int headLength, ReadOnlyMemory<byte> responseHead);
}
