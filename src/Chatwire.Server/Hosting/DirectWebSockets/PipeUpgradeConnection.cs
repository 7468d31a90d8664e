using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>An upgrade over a Kestrel connection's pipes: the WebSocket runs over <see cref="DuplexPipeStream"/>.</summary>
internal sealed class PipeUpgradeConnection(ConnectionContext connection) : UpgradeConnection
{
    public override string ConnectionId => connection.ConnectionId;

    public override EndPoint? LocalEndPoint => connection.LocalEndPoint;

    public override EndPoint? RemoteEndPoint => connection.RemoteEndPoint;

    public override CancellationToken Closed => connection.ConnectionClosed;

    public override async ValueTask<Stream> UpgradeAsync(int headLength, ReadOnlyMemory<byte> responseHead)
    {
        var input = connection.Transport.Input;
        var received = await input.ReadAsync();
        input.AdvanceTo(received.Buffer.GetPosition(headLength));

        await connection.Transport.Output.WriteAsync(responseHead);
        return new DuplexPipeStream(connection.Transport);
    }
}
