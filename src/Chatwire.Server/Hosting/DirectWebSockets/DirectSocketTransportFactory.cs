using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// Kestrel's transport for TCP listeners, replaced by <see cref="DirectSocketListener"/>: Kestrel's
/// socket transport for every connection but the WebSocket handshakes a direct endpoint accepts,
/// which run on their bare socket. Unix sockets and named pipes stay with Kestrel's own transports.
/// </summary>
internal sealed class DirectSocketTransportFactory(
    DirectWebSocketDispatcher dispatcher,
    IOptions<SocketTransportOptions> socketOptions,
    IOptions<KestrelServerOptions> kestrelOptions,
    IOptions<HostOptions> hostOptions,
    ILoggerFactory loggers) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = new DirectSocketListener(endpoint, dispatcher, socketOptions.Value, kestrelOptions.Value.Limits, hostOptions.Value.ShutdownTimeout, loggers);
        listener.Bind();
        return ValueTask.FromResult<IConnectionListener>(listener);
    }
}
