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

    // Headers whose values differ for every client: keeping them in the table below would only push
    // out the values that repeat.
    private static readonly FrozenSet<string> PerClientHeaders = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "Sec-WebSocket-Key", "Cookie", "Authorization", "X-Forwarded-For", "x-anon-id");

    // The last header value seen per slot, by hash: values that clients repeat without being known in
    // advance (the Host, a browser's User-Agent, its Origin and Accept-Language, a few hundred bytes
    // together) are then kept once rather than once per session. Longer values are left out, so the
    // table stays small; two values in one slot only take turns.
    private const int LongestRecentValue = 512;
    private static readonly string?[] RecentValues = new string?[256];

    public static string HeaderName(string name) => HeaderNames.TryGetValue(name, out var shared) ? shared : name;

    /// <summary>A header's value: a common one shared, else the same value of an earlier handshake if it is still in the table.</summary>
    public static string HeaderValue(string name, string value)
    {
        if (Exact.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (value.Length > LongestRecentValue || PerClientHeaders.Contains(name))
        {
            return value;
        }

        ref var slot = ref RecentValues[(uint)value.GetHashCode() % (uint)RecentValues.Length];
        if (Volatile.Read(ref slot) is { } recent && string.Equals(recent, value, StringComparison.Ordinal))
        {
            return recent;
        }

        Volatile.Write(ref slot, value);
        return value;
    }

    /// <summary>A query key, or a header or query value.</summary>
    public static string Token(string value) => Exact.TryGetValue(value, out var shared) ? shared : value;
}
