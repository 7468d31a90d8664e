using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// Kestrel connection middleware that serves WebSocket upgrades to the endpoints that allow it
/// (<see cref="DirectWebSocketExtensions.AllowDirectWebSockets"/>) without Kestrel's HTTP/1.1
/// connection: an upgraded request there keeps the HTTP connection, its <c>HttpContext</c>, header
/// collections and streams alive for the WebSocket's whole life, most of an idle connection's memory
/// (docs/benchmarks.md). Here the first request's head is read off the connection, the endpoint runs
/// on a small <see cref="HttpContext"/> of its own, and the WebSocket runs straight over the
/// connection's pipes.
/// </summary>
/// <remarks>
/// Nothing is taken from the connection unless the endpoint accepts a WebSocket: any other first request, a
/// head this reader finds unusual, or an endpoint that answers instead of accepting (bad origin, not
/// a WebSocket request) leaves the connection untouched for Kestrel, which serves it as if this
/// middleware were not there. Later requests on a kept-alive connection are all Kestrel's.
/// </remarks>
internal sealed partial class DirectWebSocketListener
{
    private static readonly byte[] RequestTimeout = "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();

    private readonly ConnectionDelegate _next;
    private readonly Lazy<DirectWebSocketRoutes> _routes;
    private readonly IServiceProvider _services;
    private readonly TimeSpan _headTimeout;
    private readonly WebSocketOptions _webSocketDefaults;
    private readonly ILogger _logger;

    public DirectWebSocketListener(ConnectionDelegate next, IServiceProvider services, KestrelServerLimits limits)
    {
        _next = next;

        // Endpoints are mapped after Kestrel is configured: the table is built at the first connection.
        _routes = new Lazy<DirectWebSocketRoutes>(() => new DirectWebSocketRoutes(services));
        _services = services;
        _headTimeout = limits.RequestHeadersTimeout;
        _webSocketDefaults = services.GetRequiredService<IOptions<WebSocketOptions>>().Value;
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DirectWebSocketListener>();
    }

    /// <summary>Serves the connection if its first request is an upgrade an endpoint accepts; otherwise Kestrel serves it as it came.</summary>
    /// <remarks>
    /// The task Kestrel waits on is the endpoint's running session itself (or Kestrel's own
    /// handling): nothing of this listener's waits for the connection's whole life, so an idle
    /// connection keeps no async state, head or feature of it. A session that fails after the accept
    /// is logged by Kestrel, as any connection middleware's failure is.
    /// </remarks>
    public Task OnConnectedAsync(ConnectionContext connection)
    {
        var routes = _routes.Value;
        if (routes.IsEmpty)
        {
            return _next(connection);
        }

        var starting = StartAsync(connection, routes);
        return starting.IsCompletedSuccessfully ? starting.Result : starting.Unwrap();
    }

    /// <summary>Peeks at the first request and hands it to an endpoint or to Kestrel; the result is that handling, running.</summary>
    private async Task<Task> StartAsync(ConnectionContext connection, DirectWebSocketRoutes routes)
    {
        var (head, timedOut) = await PeekHeadAsync(connection, routes);
        if (timedOut)
        {
            // What Kestrel answers a head that takes too long; handing it over would restart the clock.
            await connection.Transport.Output.WriteAsync(RequestTimeout);
            return Task.CompletedTask;
        }

        // Only WebSocket handshakes: an endpoint may answer any other request with side effects
        // (a Socket.IO long-poll takes queued packets), and its answer here would be dropped.
        if (head is not null && DirectWebSocketFeature.IsHandshake(head.Headers, out _) && routes.Match(head.Path, out var routeValues) is { } route)
        {
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
        }

        return _next(connection);
    }

    /// <summary>
    /// Reads until the first request's head is complete, taking nothing: the reader is left at the
    /// connection's first byte either way. No head when it is not one this listener parses; timed
    /// out when it did not complete within Kestrel's <see cref="KestrelServerLimits.RequestHeadersTimeout"/>.
    /// </summary>
    private async Task<(UpgradeRequestHead? Head, bool TimedOut)> PeekHeadAsync(ConnectionContext connection, DirectWebSocketRoutes routes)
    {
        var input = connection.Transport.Input;
        CancellationTokenSource? timeout = null;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout?.Token ?? default);
                var received = result.Buffer;
                UpgradeRequestHead? head = null;
                var status = UpgradeRequestHead.MayStart(received)
                    ? UpgradeRequestHead.TryParse(received, routes.MayMatch, out head)
                    : HeadStatus.NotTaken;
                if (status == HeadStatus.Incomplete && !result.IsCompleted)
                {
                    // Seen all of it: the next read waits for more.
                    input.AdvanceTo(received.Start, received.End);
                    timeout ??= new CancellationTokenSource(_headTimeout);
                    continue;
                }

                // Nothing seen: Kestrel's (or the upgrade's) first read returns all of it at once.
                input.AdvanceTo(received.Start);
                return (status == HeadStatus.Parsed ? head : null, false);
            }
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true)
        {
            return (null, true);
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or ConnectionAbortedException)
        {
            // Gone while sending its head: Kestrel meets the same end and handles it quietly.
            return (null, false);
        }
        finally
        {
            timeout?.Dispose();
        }
    }

    private DefaultHttpContext CreateContext(
        ConnectionContext connection, UpgradeRequestHead head, HttpResponseFeature response, DirectWebSocketFeature webSocket, Endpoint endpoint, RouteValueDictionary routeValues)
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
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = connection.ConnectionClosed });
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
