using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Chatwire.SocketIo.Tests.Server;

/// <summary>Speaks raw Engine.IO over HttpClient and ClientWebSocket; every wait is bounded.</summary>
internal sealed class RawEngineIoClient(HttpClient http, Uri address)
{
    private static TimeSpan Timeout => SocketIoTestServer.Timeout;

    public static string Query(string? sid = null, string transport = "polling") =>
        $"/socket.io/?EIO=4&transport={transport}" + (sid is null ? "" : $"&sid={sid}");

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string pathAndQuery, string? body = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "text/plain");
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await http.SendAsync(request).WaitAsync(Timeout);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
    }

    public Task<(HttpStatusCode Status, string Body)> PollAsync(string sid) => SendAsync(HttpMethod.Get, Query(sid));

    public Task<(HttpStatusCode Status, string Body)> PostAsync(string sid, string body) => SendAsync(HttpMethod.Post, Query(sid), body);

    /// <summary>Opens a polling session and returns its handshake.</summary>
    public async Task<JsonElement> OpenPollingAsync()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, Query());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("0", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body[1..]).RootElement.Clone();
    }

    public async Task<string> OpenPollingSidAsync() => (await OpenPollingAsync()).GetProperty("sid").GetString()!;

    /// <summary>
    /// Opens a polling session with a request written by hand, for what HttpClient would not send as
    /// written (a header repeated on two lines it joins into one). HTTP/1.0, so the answer ends with the connection.
    /// </summary>
    public async Task<string> OpenPollingSidAsync(string pathAndQuery, params string[] headerLines)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port).WaitAsync(Timeout);
        var stream = tcp.GetStream();
        var request = $"GET {pathAndQuery} HTTP/1.0\r\nHost: {address.Authority}\r\n{string.Concat(headerLines.Select(line => line + "\r\n"))}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().WaitAsync(Timeout);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(Timeout);
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.StartsWith("0", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body[1..]).RootElement.GetProperty("sid").GetString()!;
    }

    public async Task<ClientWebSocket> ConnectWebSocketAsync(string? sid = null)
    {
        var socket = new ClientWebSocket();
        var uri = new Uri(new Uri(address.ToString().Replace("http", "ws", StringComparison.Ordinal)), Query(sid, "websocket"));
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Timeout);
        return socket;
    }

    /// <summary>Opens a WebSocket-only session, reads its open packet and joins the main namespace.</summary>
    public async Task<ClientWebSocket> ConnectSocketIoAsync()
    {
        var socket = await ConnectWebSocketAsync();
        Assert.StartsWith("0", await ReceiveTextAsync(socket), StringComparison.Ordinal);
        await SendTextAsync(socket, "40");
        Assert.StartsWith("40{\"sid\":", await ReceiveTextAsync(socket), StringComparison.Ordinal);
        Assert.Equal("42[\"auth\",{}]", await ReceiveTextAsync(socket));
        return socket;
    }

    public static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout);

    public static Task SendBinaryAsync(WebSocket socket, byte[] bytes) =>
        socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(Timeout);

    /// <summary>The next message, skipping server pings unless <paramref name="skipPings"/> is false.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync(WebSocket socket, bool skipPings = true)
    {
        while (true)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(chunk, CancellationToken.None).WaitAsync(Timeout);
                buffer.Write(chunk, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var data = buffer.ToArray();
            if (skipPings && result.MessageType == WebSocketMessageType.Text && data is [(byte)'2'])
            {
                continue;
            }

            return (result.MessageType, data);
        }
    }

    public static async Task<string> ReceiveTextAsync(WebSocket socket, bool skipPings = true)
    {
        var (type, data) = await ReceiveAsync(socket, skipPings);
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Reads until the server closes; returns the close status. Fails if it does not close in time.</summary>
    public static async Task<WebSocketCloseStatus?> WaitForCloseAsync(WebSocket socket)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return result.CloseStatus;
                }
            }
        }
        catch (WebSocketException)
        {
            // The server aborted rather than closing cleanly: closed all the same.
            return null;
        }
    }
}
