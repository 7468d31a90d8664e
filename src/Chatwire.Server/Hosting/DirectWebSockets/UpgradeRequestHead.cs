using System.Buffers;
using System.Text;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// The head of an HTTP/1.1 <c>GET</c> that may be a WebSocket upgrade, read strictly: anything
/// unusual (another method or version, an encoded path, a folded or non-ASCII header line, a body,
/// a head over <see cref="MaxLength"/>) is left to Kestrel, whose parser and error answers apply as before.
/// </summary>
internal sealed class UpgradeRequestHead
{
    /// <summary>Heads are a few hundred bytes; a bigger one goes to Kestrel and its own limits.</summary>
    public const int MaxLength = 8 * 1024;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> GetPrefix => "GET /"u8;

    private UpgradeRequestHead(string path, string query, HeaderDictionary headers, int length)
    {
        Path = path;
        Query = query;
        Headers = headers;
        Length = length;
    }

    /// <summary>The path, exactly as sent (never percent-decoded: such paths are not taken).</summary>
    public string Path { get; }

    /// <summary>The query string with its <c>?</c>, or empty.</summary>
    public string Query { get; }

    public HeaderDictionary Headers { get; }

    /// <summary>Bytes of the head, its blank line included: what the upgrade consumes from the connection.</summary>
    public int Length { get; }

    /// <summary>
    /// Whether <paramref name="received"/> can still be (the start of) a head worth parsing. Lets a
    /// connection that starts with anything but <c>GET /</c> go to Kestrel without waiting for more.
    /// </summary>
    public static bool MayStart(ReadOnlySequence<byte> received)
    {
        Span<byte> start = stackalloc byte[5];
        var length = (int)Math.Min(received.Length, start.Length);
        received.Slice(0, length).CopyTo(start);
        return start[..length].SequenceEqual(GetPrefix[..length]);
    }

    /// <summary>
    /// Reads a head from the start of <paramref name="received"/>. Returns <see cref="HeadStatus.Incomplete"/>
    /// while its blank line has not arrived (and it is still short enough to wait for); a head whose
    /// path <paramref name="wantsPath"/> refuses is not taken, and its headers are never parsed.
    /// </summary>
    public static HeadStatus TryParse(ReadOnlySequence<byte> received, Predicate<string> wantsPath, out UpgradeRequestHead? head)
    {
        head = null;
        var window = received.Length > MaxLength ? received.Slice(0, MaxLength) : received;
        var bytes = window.IsSingleSegment ? window.FirstSpan : window.ToArray();
        var end = bytes.IndexOf(HeadEnd);
        if (end < 0)
        {
            return received.Length >= MaxLength ? HeadStatus.NotTaken : HeadStatus.Incomplete;
        }

        head = Parse(bytes[..(end + 2)], end + HeadEnd.Length, wantsPath);
        return head is null ? HeadStatus.NotTaken : HeadStatus.Parsed;
    }

    /// <summary>Parses the request line and header lines (each ending in CRLF); null when anything is unusual.</summary>
    private static UpgradeRequestHead? Parse(ReadOnlySpan<byte> lines, int length, Predicate<string> wantsPath)
    {
        var lineEnd = lines.IndexOf("\r\n"u8);
        if (!TryParseRequestLine(lines[..lineEnd], out var path, out var query) || !wantsPath(path))
        {
            return null;
        }

        var headers = new HeaderDictionary();
        for (var rest = lines[(lineEnd + 2)..]; !rest.IsEmpty; rest = rest[(lineEnd + 2)..])
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            if (!TryParseHeader(rest[..lineEnd], out var name, out var value))
            {
                return null;
            }

            headers.Append(name, value);
        }

        // A head with a body, or without the Host every HTTP/1.1 request must name, is Kestrel's to judge.
        var hasBody = headers.ContainsKey("Content-Length") || headers.ContainsKey("Transfer-Encoding");
        return hasBody || !headers.ContainsKey("Host") ? null : new UpgradeRequestHead(path, query, headers, length);
    }

    private static bool TryParseRequestLine(ReadOnlySpan<byte> line, out string path, out string query)
    {
        path = query = "";
        const int methodLength = 4; // "GET "
        var version = " HTTP/1.1"u8;
        if (!line.StartsWith(GetPrefix) || !line.EndsWith(version))
        {
            return false;
        }

        var target = line[methodLength..^version.Length];
        foreach (var b in target)
        {
            // Only plain visible ASCII; '%' means an encoded path that Kestrel would decode first.
            if (b is <= 0x20 or >= 0x7F or (byte)'%' or (byte)'#')
            {
                return false;
            }
        }

        var queryStart = target.IndexOf((byte)'?');
        path = Encoding.ASCII.GetString(queryStart < 0 ? target : target[..queryStart]);
        query = queryStart < 0 ? "" : Encoding.ASCII.GetString(target[queryStart..]);
        return true;
    }

    private static bool TryParseHeader(ReadOnlySpan<byte> line, out string name, out string value)
    {
        name = value = "";
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        foreach (var b in line[..colon])
        {
            if (!IsTokenChar(b))
            {
                return false;
            }
        }

        var raw = line[(colon + 1)..].Trim(" \t"u8);
        foreach (var b in raw)
        {
            if (b is (< 0x20 and not (byte)'\t') or >= 0x7F)
            {
                return false;
            }
        }

        name = Encoding.ASCII.GetString(line[..colon]);
        value = Encoding.ASCII.GetString(raw);
        return true;
    }

    // RFC 9110 §5.6.2 tchar.
    private static bool IsTokenChar(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
            || "!#$%&'*+-.^_`|~"u8.Contains(b);
}

internal enum HeadStatus
{
    Incomplete,
    NotTaken,
    Parsed,
}
