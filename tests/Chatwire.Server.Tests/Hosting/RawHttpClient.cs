using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Hosting;

/// <summary>
/// HTTP/1.1 written by hand over a TCP connection, for what real clients do but HttpClient and
/// ClientWebSocket will not: a head sent in pieces, frames sent along with the handshake, an
/// upgrade on a connection that already served a request. After a 101 the same connection
/// becomes a client WebSocket.
/// </summary>
internal sealed class RawHttpClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawHttpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawHttpClient> ConnectAsync(ChatwireServer server)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        return new RawHttpClient(tcp);
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>The <c>Sec-WebSocket-Accept</c> a server must answer <paramref name="key"/> with (RFC 6455 §4.2.2).</summary>
    public static string AcceptFor(string key) =>
#pragma warning disable CA5350 // Fixed by RFC 6455.
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350

    /// <summary>A WebSocket handshake head for <paramref name="pathAndQuery"/>, with any extra header lines.</summary>
    public static string Handshake(ChatwireServer server, string pathAndQuery, string key, string extraHeaders = "") =>
        $"GET {pathAndQuery} HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extraHeaders}\r\n";

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    /// <summary>Sends <paramref name="text"/> one byte per write, pausing between them, as a slow network delivers it.</summary>
    public async Task TrickleAsync(string text, TimeSpan pause)
    {
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            await SendAsync([b]);
            await Task.Delay(pause);
        }
    }

    /// <summary>Reads a response head, byte by byte so that nothing after it is taken from the connection.</summary>
    public async Task<ResponseHead> ReadHeadAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await _stream.ReadAsync(one, timeout.Token) == 0)
            {
                throw new IOException($"Connection closed after {head.Count} bytes of a response head.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new ResponseHead(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers);
    }

    /// <summary>Reads a body sent with <c>Content-Length</c> or chunked.</summary>
    public async Task<string> ReadBodyAsync(ResponseHead head)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        if (head.Headers.TryGetValue("Content-Length", out var length))
        {
            var body = new byte[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)];
            await _stream.ReadExactlyAsync(body, timeout.Token);
            return Encoding.UTF8.GetString(body);
        }

        using var chunks = new MemoryStream();
        while (true)
        {
            var size = Convert.ToInt32(await ReadLineAsync(timeout.Token), 16);
            var chunk = new byte[size + 2]; // the chunk and its CRLF
            await _stream.ReadExactlyAsync(chunk, timeout.Token);
            if (size == 0)
            {
                return Encoding.UTF8.GetString(chunks.ToArray());
            }

            chunks.Write(chunk, 0, size);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            await _stream.ReadExactlyAsync(one, cancellationToken);
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>Reads until the server closes the connection; what arrived, as text.</summary>
    public async Task<string> ReadToEndAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var all = new MemoryStream();
        try
        {
            await _stream.CopyToAsync(all, timeout.Token);
        }
        catch (IOException)
        {
            // Reset rather than closed: what arrived before is still the answer.
        }

        return Encoding.UTF8.GetString(all.ToArray());
    }

    /// <summary>The connection as a client WebSocket, once a 101 head has been read.</summary>
    public WebSocket AsWebSocket() =>
        WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });

    /// <summary>A masked client text frame (RFC 6455 §5.2), for sending along with a handshake.</summary>
    public static byte[] TextFrame(object message)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message);
        var mask = RandomNumberGenerator.GetBytes(4);
        var header = payload.Length < 126
            ? new byte[] { 0x81, (byte)(0x80 | payload.Length) }
            : [0x81, 0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length];
        var masked = payload.Select((b, i) => (byte)(b ^ mask[i % 4]));
        return [.. header, .. mask, .. masked];
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }

    public sealed record ResponseHead(int Status, IReadOnlyDictionary<string, string> Headers);
}
