namespace Chatwire.Server.Auth;

/// <summary>
/// Decides whether a browser page may connect. Browsers attach cookies and cached credentials to a
/// WebSocket upgrade from any site and never apply CORS to it, so without this check a foreign page
/// could talk to the server as the user (cross-site WebSocket hijacking). Every WebSocket wire
/// (ws/chat, brand chat, the control channel, Socket.IO) asks here before accepting.
/// </summary>
/// <remarks>
/// A request without an <c>Origin</c> header is not from a browser page (native apps, CLI tools,
/// server-to-server) and carries no ambient browser credentials, so it is allowed.
/// </remarks>
public sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;
    private readonly bool _allowAny;
    private readonly bool _allowLoopback;

    public OriginPolicy(OriginOptions options)
    {
        _allowed = new HashSet<string>(options.Allowed.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _allowAny = _allowed.Contains("*");
        _allowLoopback = options.AllowLoopback;
    }

    public bool IsAllowed(HttpRequest request) => IsAllowed(request.Headers.Origin.ToString(), request.Host.Value);

    /// <summary>Judges an <c>Origin</c> header value against the <c>Host</c> the request was sent to.</summary>
    public bool IsAllowed(string? origin, string? host)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        // "null" is what sandboxed frames and file:// pages send: an origin nobody can vouch for.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        if (_allowAny || _allowed.Contains(Normalize(origin)))
        {
            return true;
        }

        if (host is not null && string.Equals(uri.Authority, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return _allowLoopback && (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string origin) => origin.Trim().TrimEnd('/');
}
