using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chatwire.Server.Tests.Support;
using Chatwire.Server.Tests.WsChat;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chatwire.Server.Tests.Hosting;

/// <summary>
/// WebSocket upgrades served beside Kestrel's HTTP connection (Hosting/DirectWebSockets): every
/// way a real client may deliver a handshake still works, and whatever the direct path does not
/// take gets Kestrel's own answer.
/// </summary>
public sealed class DirectWebSocketTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task HandshakeArrivingByteByByteIsAccepted()
    {
        await using var server = await ChatwireServer.StartAsync();
        using var client = await RawHttpClient.ConnectAsync(server);
        var key = RawHttpClient.NewKey();

        await client.TrickleAsync(RawHttpClient.Handshake(server, "/ws/chat", key), TimeSpan.FromMilliseconds(1));

        var head = await client.ReadHeadAsync();
        Assert.Equal(101, head.Status);
        Assert.Equal(RawHttpClient.AcceptFor(key), head.Headers["Sec-WebSocket-Accept"]);
        Assert.Equal("websocket", head.Headers["Upgrade"], ignoreCase: true);
        await AssertAuthenticatesAsync(server, client.AsWebSocket());
    }

    [Fact]
    public async Task FrameSentTogetherWithTheHandshakeIsNotLost()
    {
        await using var server = await ChatwireServer.StartAsync();
        using var client = await RawHttpClient.ConnectAsync(server);
        var auth = new { type = "auth", token = WsChatClient.MintToken(server, "eager-client") };

        await client.SendAsync([.. Encoding.ASCII.GetBytes(RawHttpClient.Handshake(server, "/ws/chat", RawHttpClient.NewKey())), .. RawHttpClient.TextFrame(auth)]);

        Assert.Equal(101, (await client.ReadHeadAsync()).Status);
        var reply = await ReceiveJsonAsync(client.AsWebSocket());
        Assert.Equal("auth_success", reply.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UpgradeOnAConnectionThatAlreadyServedARequestIsAccepted()
    {
        await using var server = await ChatwireServer.StartAsync();
        using var client = await RawHttpClient.ConnectAsync(server);

        await client.SendAsync($"GET /health HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n");
        var health = await client.ReadHeadAsync();
        Assert.Equal(200, health.Status);
        Assert.Contains("healthy", await client.ReadBodyAsync(health), StringComparison.Ordinal);

        var key = RawHttpClient.NewKey();
        await client.SendAsync(RawHttpClient.Handshake(server, "/ws/chat", key));
        var head = await client.ReadHeadAsync();
        Assert.Equal(101, head.Status);
        Assert.Equal(RawHttpClient.AcceptFor(key), head.Headers["Sec-WebSocket-Accept"]);
        await AssertAuthenticatesAsync(server, client.AsWebSocket());
    }

    [Fact]
    public async Task HandshakeWithHeadersBeyondTheDirectLimitIsStillAccepted()
    {
        await using var server = await ChatwireServer.StartAsync();
        using var client = await RawHttpClient.ConnectAsync(server);
        var cookie = $"Cookie: session={new string('c', 12_000)}\r\n";

        await client.SendAsync(RawHttpClient.Handshake(server, "/ws/chat", RawHttpClient.NewKey(), cookie));

        Assert.Equal(101, (await client.ReadHeadAsync()).Status);
        await AssertAuthenticatesAsync(server, client.AsWebSocket());
    }

    [Theory]
    [InlineData("", 426, "INVALID_FORMAT")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 12\r\n", 426, "INVALID_FORMAT")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: not-a-key\r\nSec-WebSocket-Version: 13\r\n", 426, "INVALID_FORMAT")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://evil.example\r\n", 403, "ORIGIN_NOT_ALLOWED")]
    public async Task RequestsThatAreNotAcceptedGetTheUsualProblemAnswer(string headers, int status, string code)
    {
        await using var server = await ChatwireServer.StartAsync();
        using var client = await RawHttpClient.ConnectAsync(server);

        await client.SendAsync($"GET /ws/chat HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n{headers}Connection: close\r\n\r\n");

        var response = await client.ReadToEndAsync();
        Assert.StartsWith($"HTTP/1.1 {status} ", response, StringComparison.Ordinal);
        Assert.Contains($"\"code\":\"{code}\"", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadThatNeverCompletesIsTimedOutNotHeldForever()
    {
        await using var server = await ChatwireServer.StartAsync(configure: builder =>
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(1)));
        using var client = await RawHttpClient.ConnectAsync(server);

        await client.SendAsync($"GET /ws/chat HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\n");

        // Answered and closed well before the client's own 15 s timeout.
        var response = await client.ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 408 ", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws-chat")]
    [InlineData("brand-chat")]
    [InlineData("control-channel")]
    public async Task ServerShutdownClosesConnectionsWithGoingAwayAndStopsPromptly(string wire)
    {
        var server = await ChatwireServer.StartAsync();
        var token = WsChatClient.MintToken(server, "at-shutdown");
        var path = wire switch
        {
            "ws-chat" => $"/ws/chat?token={token}",
            "brand-chat" => "/ws/chat/meridian",
            _ => $"/api/v1/ws/chat/at-shutdown?token={token}",
        };
        await using var client = await WsChatClient.ConnectToAsync(server, path);
        await client.ReceiveAsync(); // auth_success, welcome or connected: the connection is up

        // The client answers the server's close as any client library does, so the server can stop.
        using var timeout = new CancellationTokenSource(Timeout);
        var closed = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (true)
            {
                var result = await client.Socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                    return client.Socket.CloseStatus;
                }
            }
        });

        await server.StopAsync().WaitAsync(Timeout);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await closed.WaitAsync(Timeout));
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task ClientThatNeverAnswersTheCloseIsDisconnectedAtTheEndOfTheShutdownTimeout(string direct)
    {
        var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Hosting:DirectWebSockets"] = direct }, configure: builder =>
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1)));
        using var client = await RawHttpClient.ConnectAsync(server);
        await client.SendAsync(RawHttpClient.Handshake(server, $"/ws/chat?token={WsChatClient.MintToken(server, "deaf-client")}", RawHttpClient.NewKey()));
        Assert.Equal(101, (await client.ReadHeadAsync()).Status);
        Assert.Equal("auth_success", (await ReceiveJsonAsync(client.AsWebSocket())).GetProperty("type").GetString());

        // From here the client reads nothing and never answers the server's close frame.
        await server.StopAsync().WaitAsync(Timeout);

        // The close frame, then the end of the connection, well before the client's own timeout.
        Assert.Contains("Server shutting down", await client.ReadToEndAsync(), StringComparison.Ordinal);
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task ConnectionThatNeverSendsARequestIsClosedAfterTheKeepAliveTimeout(string direct)
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Hosting:DirectWebSockets"] = direct }, configure: builder =>
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(1)));
        using var silent = await RawHttpClient.ConnectAsync(server);

        Assert.Equal("", await silent.ReadToEndAsync());
    }

    [Fact]
    public async Task ClientsThatLeaveBeforeOrDuringTheirHandshakeLeaveTheServerServing()
    {
        await using var server = await ChatwireServer.StartAsync();
        using (await RawHttpClient.ConnectAsync(server))
        {
            // Connected, then gone without a byte.
        }

        using (var halfway = await RawHttpClient.ConnectAsync(server))
        {
            await halfway.SendAsync($"GET /ws/chat HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\n");
        }

        using var client = await RawHttpClient.ConnectAsync(server);
        await client.SendAsync(RawHttpClient.Handshake(server, "/ws/chat", RawHttpClient.NewKey()));
        Assert.Equal(101, (await client.ReadHeadAsync()).Status);
        await AssertAuthenticatesAsync(server, client.AsWebSocket());
    }

    [Theory]
    [InlineData("true", false)]
    [InlineData("false", true)]
    public async Task DirectPathCanBeTurnedOffAndKestrelThenServesTheUpgrade(string direct, bool kestrelAnswers)
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Hosting:DirectWebSockets"] = direct });
        using var client = await RawHttpClient.ConnectAsync(server);

        await client.SendAsync(RawHttpClient.Handshake(server, "/ws/chat", RawHttpClient.NewKey()));

        var head = await client.ReadHeadAsync();
        Assert.Equal(101, head.Status);
        Assert.Equal(kestrelAnswers, head.Headers.ContainsKey("Server"));
        await AssertAuthenticatesAsync(server, client.AsWebSocket());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task HeadersTheEndpointSetBeforeAcceptingGoOutWithThe101(string direct)
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Hosting:DirectWebSockets"] = direct });
        using var client = await RawHttpClient.ConnectAsync(server);

        // Brand chat gives a visitor without an id a new anonymous one, and says so in a response header.
        await client.SendAsync(RawHttpClient.Handshake(server, "/ws/chat/meridian", RawHttpClient.NewKey()));

        var head = await client.ReadHeadAsync();
        Assert.Equal(101, head.Status);
        Assert.True(Chatwire.Server.Auth.AnonymousId.IsValid(head.Headers["x-anon-id"]), head.Headers.GetValueOrDefault("x-anon-id"));
        var welcome = await ReceiveJsonAsync(client.AsWebSocket());
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
    }

    private static async Task AssertAuthenticatesAsync(ChatwireServer server, WebSocket socket)
    {
        var auth = JsonSerializer.SerializeToUtf8Bytes(new { type = "auth", token = WsChatClient.MintToken(server, "raw-client") });
        await socket.SendAsync(auth, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var reply = await ReceiveJsonAsync(socket);
        Assert.Equal("auth_success", reply.GetProperty("type").GetString());
    }

    private static async Task<JsonElement> ReceiveJsonAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
    }
}
