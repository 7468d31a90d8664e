using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// Hands a WebSocket handshake read off a connection to the endpoint that allows direct upgrades
/// (<see cref="DirectWebSocketExtensions.AllowDirectWebSockets"/>), run on a small
/// <see cref="HttpContext"/> of its own. Shared by the connection middleware
/// (<see cref="DirectWebSocketListener"/>) and the transport (<see cref="DirectSocketListener"/>).
/// </summary>
internal sealed partial class DirectWebSocketDispatcher
{
    private readonly Lazy<DirectWebSocketRoutes> _routes;
    private readonly IServiceProvider _services;
    private readonly WebSocketOptions _webSocketDefaults;
    private readonly ILogger _logger;

    public DirectWebSocketDispatcher(IServiceProvider services, IOptions<WebSocketOptions> webSocketDefaults, ILogger<DirectWebSocketDispatcher> logger)
    {
        // Endpoints are mapped after the server is configured: the table is built at the first connection.
        _routes = new Lazy<DirectWebSocketRoutes>(() => new DirectWebSocketRoutes(services));
        _services = services;
        _webSocketDefaults = webSocketDefaults.Value;
        _logger = logger;
    }

    public DirectWebSocketRoutes Routes => _routes.Value;

    /// <summary>
    /// Runs the endpoint <paramref name="head"/> asks for, if one allows direct upgrades. The result
    /// is the endpoint's running session once it accepted; null when no endpoint matched or it
    /// answered (or failed) instead, leaving the connection untouched for Kestrel to serve.
    /// </summary>
    public async Task<Task?> TryServeAsync(UpgradeConnection connection, UpgradeRequestHead head)
    {
        // Only WebSocket handshakes: an endpoint may answer any other request with side effects
        // (a Socket.IO long-poll takes queued packets), and its answer here would be dropped.
        if (!DirectWebSocketFeature.IsHandshake(head.Headers, out _) || Routes.Match(head.Path, out var routeValues) is not { } route)
        {
            return null;
        }

        var response = new HttpResponseFeature();
        var webSocket = new DirectWebSocketFeature(connection, head, response.Headers, _webSocketDefaults);
        try
        {
            var serving = route.Endpoint.RequestDelegate!(CreateContext(connection, head, response, webSocket, route.Endpoint, routeValues));
            if (!webSocket.Accepted && !serving.IsCompleted)
            {
                // The endpoint awaits something (a token check) before it accepts or answers.
                await Task.WhenAny(serving, webSocket.WhenAccepted);
            }

            if (webSocket.Accepted)
            {
                return serving;
            }

            // Answered without accepting: a failure surfaces here, before Kestrel reruns the request.
            await serving;
        }
        catch (Exception exception) when (!webSocket.Accepted)
        {
            // Kestrel runs the request again and answers the failure the usual way.
            LogFailedBeforeAccept(head.Path, exception);
        }

        return null;
    }

    private DefaultHttpContext CreateContext(
        UpgradeConnection connection, UpgradeRequestHead head, HttpResponseFeature response, DirectWebSocketFeature webSocket, Endpoint endpoint, RouteValueDictionary routeValues)
    {
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var local = connection.LocalEndPoint as IPEndPoint;
        var features = new FeatureCollection(10);
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "http",
            Method = HttpMethods.Get,
            PathBase = "",
            Path = head.Path,
            QueryString = head.Query,
            RawTarget = head.Path + head.Query,
            Headers = head.Headers,
        });
        features.Set<IHttpResponseFeature>(response);

        // Whatever an endpoint writes instead of upgrading is dropped: Kestrel then serves the request for real.
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = connection.ConnectionId,
            RemoteIpAddress = remote?.Address,
            RemotePort = remote?.Port ?? 0,
            LocalIpAddress = local?.Address,
            LocalPort = local?.Port ?? 0,
        });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = connection.Closed });
        features.Set<IHttpWebSocketFeature>(webSocket);
        features.Set<IRouteValuesFeature>(new RouteValuesFeature { RouteValues = routeValues });

        // Root services, no request scope: a scope would live as long as the connection, and the
        // endpoints that allow direct upgrades take only singletons.
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = _services });
        var context = new DefaultHttpContext(features);
        context.SetEndpoint(endpoint);
        return context;
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Debug, Message = "Direct WebSocket endpoint {Path} failed before accepting; Kestrel serves the request")]
    private partial void LogFailedBeforeAccept(string path, Exception exception);
}
