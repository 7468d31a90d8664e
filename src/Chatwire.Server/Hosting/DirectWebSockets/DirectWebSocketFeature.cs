using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// The WebSocket handshake (RFC 6455 §4.2) of a request read off a connection by
/// <see cref="DirectWebSocketDispatcher"/>: accepting takes the head off the connection, writes the
/// 101 and runs the WebSocket straight over the connection (<see cref="UpgradeConnection"/>).
/// Unlike ASP.NET's WebSocket middleware it keeps no reference to the request: its headers, query
/// and features are garbage once the endpoint is done with them.
/// Response headers the endpoint set before accepting (say, an issued <c>x-anon-id</c>) go out
/// with the 101, as on Kestrel's path.
/// </summary>
internal sealed class DirectWebSocketFeature(UpgradeConnection connection, UpgradeRequestHead head, IHeaderDictionary responseHeaders, WebSocketOptions defaults)
    : IHttpWebSocketFeature
{
    private static readonly byte[] AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8.ToArray();

    // The handshake's own headers: the endpoint's values for these never replace them.
    private static readonly HashSet<string> HandshakeHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Upgrade", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Content-Length", "Transfer-Encoding",
    };

    // Let go once accepted: the endpoint's context may keep this feature for the connection's whole life.
    private UpgradeConnection? _connection = connection;
    private UpgradeRequestHead? _head = head;
    private IHeaderDictionary? _responseHeaders = responseHeaders;

    private volatile bool _accepted;

    // Made only for an endpoint that awaits something before it accepts.
    private TaskCompletionSource? _whenAccepted;

    public bool IsWebSocketRequest => true;

    /// <summary>Whether the WebSocket was accepted; if not, the connection is still untouched.</summary>
    public bool Accepted => _accepted;

    /// <summary>Completes when the endpoint accepts (never, if it answers instead).</summary>
    public Task WhenAccepted
    {
        get
        {
            var signal = LazyInitializer.EnsureInitialized(ref _whenAccepted, () => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (_accepted)
            {
                // Accepted before the signal existed.
                signal.TrySetResult();
            }

            return signal.Task;
        }
    }

    public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
    {
        if (_connection is not { } connection || _head is not { } head || _responseHeaders is not { } responseHeaders || !IsHandshake(head.Headers, out var key))
        {
            throw new InvalidOperationException(_accepted ? "The WebSocket has already been accepted." : "Not a WebSocket request.");
        }

        // Not offered here: the endpoint throws before anything is sent, and Kestrel serves the request instead.
        if (context.DangerousEnableCompression)
        {
            throw new NotSupportedException("Direct WebSockets do not negotiate compression.");
        }

        _accepted = true;
        Volatile.Read(ref _whenAccepted)?.TrySetResult();
        (_connection, _head, _responseHeaders) = (null, null, null);
        var stream = await connection.UpgradeAsync(head.Length, Encoding.ASCII.GetBytes(ResponseHead(key, context.SubProtocol, responseHeaders)));
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = context.SubProtocol,
            KeepAliveInterval = context.KeepAliveInterval ?? defaults.KeepAliveInterval,
            KeepAliveTimeout = context.KeepAliveTimeout ?? defaults.KeepAliveTimeout,
        });
    }

    /// <summary>Whether the headers ask for a version-13 WebSocket with a well-formed key (RFC 6455 §4.2.1).</summary>
    public static bool IsHandshake(IHeaderDictionary headers, out string key)
    {
        key = headers.SecWebSocketKey.ToString();
        return HasToken(headers.Upgrade, "websocket")
            && HasToken(headers.Connection, "upgrade")
            && headers.SecWebSocketVersion == "13"
            && IsValidKey(key);
    }

    private static bool HasToken(Microsoft.Extensions.Primitives.StringValues values, string token)
    {
        foreach (var value in values)
        {
            foreach (var part in (value ?? "").Split(','))
            {
                if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The key is 16 random bytes, base64: 24 characters.
    private static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    private static string ResponseHead(string key, string? subProtocol, IHeaderDictionary endpointHeaders)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the accept value; it proves the handshake was read, it protects nothing.
        SHA1.HashData([.. Encoding.ASCII.GetBytes(key), .. AcceptGuid], hash);
#pragma warning restore CA5350
        var head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n")
            .Append("Sec-WebSocket-Accept: ").Append(Convert.ToBase64String(hash)).Append("\r\n");
        if (subProtocol is not null)
        {
            head.Append("Sec-WebSocket-Protocol: ").Append(subProtocol).Append("\r\n");
        }

        foreach (var (name, values) in endpointHeaders)
        {
            foreach (var value in values)
            {
                // A line break in a value would let it write headers of its own.
                if (!HandshakeHeaders.Contains(name) && value is not null && value.AsSpan().IndexOfAny('\r', '\n') < 0)
                {
                    head.Append(name).Append(": ").Append(value).Append("\r\n");
                }
            }
        }

        return head.Append("\r\n").ToString();
    }
}
