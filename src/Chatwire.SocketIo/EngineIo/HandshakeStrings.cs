using System.Collections.Frozen;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// One shared copy of the header names, query keys and values that most handshakes carry. A session
/// keeps its handshake for its whole life, and a copy each of "Upgrade", "websocket", "EIO" and the
/// like was about 400 bytes of every idle session (docs/benchmarks.md).
/// </summary>
internal static class HandshakeStrings
{
    // Header names compare ignoring case, so any spelling maps to the one kept here.
    private static readonly FrozenSet<string> HeaderNames = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Host", "Connection", "Upgrade", "Origin", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
        "Cache-Control", "Pragma", "Cookie", "Authorization", "Content-Type", "Content-Length", "Referer",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol",
        "X-Forwarded-For", "X-Forwarded-Proto", "x-anon-id");

    // Query keys and values compare exactly.
    private static readonly FrozenSet<string> Exact = FrozenSet.Create(
        StringComparer.Ordinal,
        "EIO", "transport", "sid", "t", "token", "websocket", "polling", "Upgrade", "upgrade", "keep-alive", "Keep-Alive",
        "close", "13", "4", "3", "permessage-deflate; client_max_window_bits", "no-cache", "gzip, deflate", "gzip, deflate, br", "*/*");

    public static string HeaderName(string name) => HeaderNames.TryGetValue(name, out var shared) ? shared : name;

    /// <summary>A query key, or a header or query value.</summary>
    public static string Token(string value) => Exact.TryGetValue(value, out var shared) ? shared : value;
}
