using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// CORS for browsers that long-poll from another origin, and the origin check that also protects the
/// WebSocket transport (browsers do not apply CORS to WebSockets).
/// </summary>
internal sealed class CorsPolicy(SocketIoOptions options)
{
    private readonly HashSet<string> _origins = new(options.AllowedOrigins, StringComparer.OrdinalIgnoreCase);

    private bool AllowsAny => _origins.Contains("*");

    /// <summary>False when an allow-list is configured and the request's Origin is not on it.</summary>
    public bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return _origins.Count == 0 || origin.Length == 0 || AllowsAny || _origins.Contains(origin);
    }

    /// <summary>Adds the CORS response headers; answers a preflight and returns true when it was one.</summary>
    public bool Apply(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (_origins.Count == 0 || origin.Length == 0 || !IsAllowed(request))
        {
            return false;
        }

        var headers = context.Response.Headers;

        // Echo the origin rather than "*": browsers refuse "*" together with credentials.
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = HeaderNames.Origin;
        if (options.AllowCredentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }

        if (!HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        headers.AccessControlAllowMethods = "GET, POST";
        if (request.Headers.AccessControlRequestHeaders.Count > 0)
        {
            headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders;
        }

        headers.AccessControlMaxAge = "86400";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return true;
    }
}
