using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chatwire.Server.Auth;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.WsChat;

/// <summary>A /ws/chat client for tests: JSON frames in and out, every receive bounded by a timeout.</summary>
public sealed class WsChatClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly byte[] _buffer = new byte[256 * 1024];

    private WsChatClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static Task<WsChatClient> ConnectAsync(ChatwireServer server, string query = "", Action<ClientWebSocketOptions>? configure = null) =>
        ConnectToAsync(server, "/ws/chat" + query, configure);

    /// <summary>Connects to any of the server's JSON WebSocket wires.</summary>
    public static async Task<WsChatClient> ConnectToAsync(ChatwireServer server, string pathAndQuery, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(server.WebSocketUri(pathAndQuery), timeout.Token);
        return new WsChatClient(socket);
    }

    /// <summary>Connects and authenticates with a freshly minted token for <paramref name="subject"/>.</summary>
    public static async Task<WsChatClient> ConnectAuthenticatedAsync(ChatwireServer server, string subject, string query = "")
    {
        var client = await ConnectAsync(server, query);
        await client.SendAsync(new { type = "auth", token = MintToken(server, subject) });
        var reply = await client.ReceiveAsync();
        Assert.Equal("auth_success", reply.Str("type"));
        return client;
    }

    public static string MintToken(ChatwireServer server, string subject) =>
        server.Services.GetRequiredService<TokenService>().Mint(subject, $"{subject}@example.com", subject.ToUpperInvariant());

    public Task SendAsync(object frame) => SendTextAsync(JsonSerializer.Serialize(frame));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(_buffer.AsMemory(count), timeout.Token);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"closed: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
        }

        using var document = JsonDocument.Parse(_buffer.AsMemory(0, count));
        return document.RootElement.Clone();
    }

    /// <summary>Frames up to and including the first of one of <paramref name="types"/>.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(params string[] types)
    {
        var frames = new List<JsonElement>();
        while (true)
        {
            var frame = await ReceiveAsync();
            frames.Add(frame);
            if (types.Contains(frame.Str("type")))
            {
                return frames;
            }
        }
    }

    /// <summary>Waits for the server to close the connection and returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return Socket.CloseStatus;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // Test over either way.
            }
        }

        Socket.Dispose();
    }
}
