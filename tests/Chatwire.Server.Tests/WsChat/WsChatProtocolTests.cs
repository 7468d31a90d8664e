using System.Net.WebSockets;
using System.Text.Json;
using Chatwire.Core.Conversations;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.WsChat;

public sealed class WsChatProtocolTests : IAsyncLifetime
{
    private ChatwireServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatwireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatStore Store => _server.Services.GetRequiredService<IChatStore>();

    [Fact]
    public async Task AuthFrameWithAValidTokenIsAnsweredWithTheUser()
    {
        await using var client = await WsChatClient.ConnectAsync(_server);

        await client.SendAsync(new { type = "auth", token = WsChatClient.MintToken(_server, "alice") });

        var reply = await client.ReceiveAsync();
        Assert.Equal("auth_success", reply.Str("type"));
        Assert.False(string.IsNullOrEmpty(reply.Str("message")));
        var user = reply.GetProperty("user");
        Assert.Equal(("alice", "alice@example.com", "ALICE"), (user.Str("id"), user.Str("email"), user.Str("name")));
    }

    [Fact]
    public async Task TokenInTheQueryStringAuthenticatesAtConnect()
    {
        await using var client = await WsChatClient.ConnectAsync(_server, "?token=" + WsChatClient.MintToken(_server, "bob"));

        var reply = await client.ReceiveAsync();

        Assert.Equal("auth_success", reply.Str("type"));
        Assert.Equal("bob", reply.GetProperty("user").Str("id"));
    }

    [Fact]
    public async Task BearerHeaderAuthenticatesAtConnect()
    {
        var token = WsChatClient.MintToken(_server, "carol");
        await using var client = await WsChatClient.ConnectAsync(_server, configure: o => o.SetRequestHeader("Authorization", "Bearer " + token));

        Assert.Equal("auth_success", (await client.ReceiveAsync()).Str("type"));
    }

    [Fact]
    public async Task MessageBeforeAuthenticationIsRefusedAndNothingIsStored()
    {
        await using var client = await WsChatClient.ConnectAsync(_server);

        await client.SendAsync(new { type = "message", message = "What is the engine power?", session_id = "never-stored-1" });

        var reply = await client.ReceiveAsync();
        Assert.Equal(("error", "AUTH_REQUIRED"), (reply.Str("type"), reply.Str("code")));
        Assert.False(string.IsNullOrEmpty(reply.Str("error")));
        Assert.Null(await Store.FindConversationAsync("never-stored-1", CancellationToken.None));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("badly-signed")]
    [InlineData("malformed")]
    public async Task BadTokenIsAnAuthErrorTheConnectionStaysOpenAndNothingIsStored(string kind)
    {
        await using var client = await WsChatClient.ConnectAsync(_server);
        var token = kind switch
        {
            "expired" => _server.Services.GetRequiredService<Chatwire.Server.Auth.TokenService>().Mint("mallory", null, null, TimeSpan.FromMinutes(-10)),
            "badly-signed" => ForgeToken("mallory"),
            _ => "not.a.jwt",
        };

        await client.SendAsync(new { type = "auth", token });
        var reply = await client.ReceiveAsync();
        Assert.Equal("auth_error", reply.Str("type"));
        Assert.False(string.IsNullOrEmpty(reply.Str("message")));

        await client.SendAsync(new { type = "message", message = "Hello", session_id = "mallory-session" });
        Assert.Equal("AUTH_REQUIRED", (await client.ReceiveAsync()).Str("code"));
        Assert.Null(await Store.FindConversationAsync("mallory-session", CancellationToken.None));

        // The client can retry on the same connection.
        await client.SendAsync(new { type = "auth", token = WsChatClient.MintToken(_server, "mallory") });
        Assert.Equal("auth_success", (await client.ReceiveAsync()).Str("type"));
    }

    [Fact]
    public async Task EnginePowerQuestionStreamsProgressTokensAndCompletesWithTheSpecSource()
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "dave");

        await client.SendAsync(new { type = "message", message = "What is the engine power?" });
        var frames = await client.ReceiveUntilAsync("complete", "error");

        var steps = frames.Where(f => f.Str("type") == "progress").Select(f => f.Str("step")).ToList();
        Assert.Equal(["starting", "agent_routing", "rag_retrieval", "generating"], steps);
        Assert.All(frames.Where(f => f.Str("type") == "progress"), f => Assert.False(string.IsNullOrEmpty(f.Str("message"))));
        var tokens = frames.Where(f => f.Str("type") == "token").ToList();
        Assert.True(tokens.Count > 3);
        var accumulated = "";
        foreach (var token in tokens)
        {
            accumulated += token.Str("token");
            Assert.Equal(accumulated, token.Str("partial_response"));
        }

        var complete = frames[^1];
        Assert.Equal("complete", complete.Str("type"));
        Assert.Equal(accumulated, complete.Str("response"));
        Assert.False(string.IsNullOrEmpty(complete.Str("session_id")));
        var metadata = complete.GetProperty("metadata");
        Assert.Equal("specs", metadata.Str("agent"));
        Assert.InRange(metadata.GetProperty("confidence").GetDouble(), 0.0, 1.0);
        Assert.Contains("spec-sheet.md", metadata.GetProperty("context").GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        var conversation = await Store.FindConversationAsync(complete.Str("session_id"), CancellationToken.None);
        Assert.Equal("meridian", conversation!.BrandId);
    }

    [Fact]
    public async Task SessionIdContinuesTheConversationAndCustomerIdIsStored()
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "erin");

        await client.SendAsync(new { type = "message", message = "What is the engine power?", customer_id = "cust-42" });
        var first = (await client.ReceiveUntilAsync("complete"))[^1];
        var sessionId = first.Str("session_id");
        await client.SendAsync(new { type = "message", message = "And the torque?", session_id = sessionId });
        var second = (await client.ReceiveUntilAsync("complete"))[^1];

        Assert.Equal(sessionId, second.Str("session_id"));
        var conversation = await Store.FindConversationAsync(sessionId, CancellationToken.None);
        Assert.Equal("cust-42", conversation!.CustomerId);
        var messages = await Store.ListMessagesAsync(sessionId, 1, 10, CancellationToken.None);
        Assert.Equal(4, messages.Total);
    }

    [Fact]
    public async Task SeveralMessagesOnOneConnectionAreAnsweredInOrder()
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "frank");
        string[] questions = ["What is the engine power?", "How often should I change the oil?", "What is the warranty?"];

        foreach (var question in questions)
        {
            await client.SendAsync(new { type = "message", message = question, session_id = "frank-" + Array.IndexOf(questions, question) });
        }

        for (var i = 0; i < questions.Length; i++)
        {
            var frames = await client.ReceiveUntilAsync("complete", "error");
            Assert.Equal("complete", frames[^1].Str("type"));
            Assert.Equal("frank-" + i, frames[^1].Str("session_id"));
            Assert.Equal("starting", frames[0].Str("step"));
        }
    }

    [Theory]
    [InlineData("", "EMPTY_MESSAGE")]
    [InlineData("   ", "EMPTY_MESSAGE")]
    [InlineData(null, "EMPTY_MESSAGE")]
    public async Task EmptyMessageIsRefused(string? message, string code)
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "gina");

        await client.SendAsync(new { type = "message", message });

        var reply = await client.ReceiveAsync();
        Assert.Equal(("error", code), (reply.Str("type"), reply.Str("code")));
    }

    [Fact]
    public async Task MessageOverTheEngineLimitIsTooLong()
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "hank");

        await client.SendAsync(new { type = "message", message = new string('a', 4001) });

        Assert.Equal("MESSAGE_TOO_LONG", (await client.ReceiveAsync()).Str("code"));
    }

    [Fact]
    public async Task UnknownBrandIsNotFound()
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "ivan", "?brand_id=no-such-brand");

        await client.SendAsync(new { type = "message", message = "Hello" });

        Assert.Equal("BRAND_NOT_FOUND", (await client.ReceiveAsync()).Str("code"));
    }

    [Fact]
    public async Task BrandIdInTheFrameChoosesTheBrand()
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "judy");

        await client.SendAsync(new { type = "message", message = "What is the warranty?", brand_id = "techpro" });
        var complete = (await client.ReceiveUntilAsync("complete"))[^1];

        Assert.Equal("techpro", (await Store.FindConversationAsync(complete.Str("session_id"), CancellationToken.None))!.BrandId);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"type\":\"message\",\"message\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"message\":\"no type\"}")]
    [InlineData("{\"type\":\"message\",\"message\":42}")]
    [InlineData("{\"type\":7}")]
    [InlineData("{} {}")]
    public async Task InvalidFrameIsAnInvalidFormatErrorAndTheConnectionStaysUsable(string frame)
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "kate");

        await client.SendTextAsync(frame);
        var reply = await client.ReceiveAsync();
        Assert.Equal(("error", "INVALID_FORMAT"), (reply.Str("type"), reply.Str("code")));

        await client.SendAsync(new { type = "message", message = "What is the engine power?" });
        Assert.Equal("complete", (await client.ReceiveUntilAsync("complete", "error"))[^1].Str("type"));
    }

    [Fact]
    public async Task BinaryFrameIsAnInvalidFormatError()
    {
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(_server, "liam");

        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        Assert.Equal("INVALID_FORMAT", (await client.ReceiveAsync()).Str("code"));
    }

    [Fact]
    public async Task UnknownTypeIsRefusedAndTheConnectionStaysUsable()
    {
        await using var client = await WsChatClient.ConnectAsync(_server);

        await client.SendAsync(new { type = "subscribe", channel = "x" });
        var reply = await client.ReceiveAsync();
        Assert.Equal(("error", "UNKNOWN_TYPE"), (reply.Str("type"), reply.Str("code")));

        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).Str("type"));
    }

    [Fact]
    public async Task FrameOverTheMaximumClosesWith1009()
    {
        await using var client = await WsChatClient.ConnectAsync(_server);

        await client.SendTextAsync("{\"type\":\"message\",\"message\":\"" + new string('x', 70 * 1024) + "\"}");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task PlainHttpRequestIsToldToUpgrade()
    {
        var response = await _server.GetAsync("/ws/chat");

        Assert.Equal(426, (int)response.StatusCode);
    }

    [Fact]
    public async Task ForeignOriginCannotOpenASocket()
    {
        var client = new ClientWebSocket();
        client.Options.SetRequestHeader("Origin", "https://evil.example");

        var failure = await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(_server.WebSocketUri("/ws/chat"), CancellationToken.None));

        Assert.Contains("403", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1:5173")]
    public async Task LoopbackOriginsAreAllowedByDefault(string origin)
    {
        await using var client = await WsChatClient.ConnectAsync(_server, configure: o => o.SetRequestHeader("Origin", origin));

        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).Str("type"));
    }

    [Fact]
    public async Task TestPageIsServed()
    {
        var page = await (await _server.GetAsync("/ws/test")).Content.ReadAsStringAsync();
        var script = await (await _server.GetAsync("/ws/test.js")).Content.ReadAsStringAsync();

        Assert.Contains("/ws/test.js", page, StringComparison.Ordinal);
        Assert.Contains("/ws/chat", script, StringComparison.Ordinal);
    }

    private static string ForgeToken(string subject)
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[48]);
        var tokens = new Chatwire.Server.Auth.TokenService(new Chatwire.Server.Auth.AuthOptions(), key, TimeProvider.System);
        return tokens.Mint(subject, null, null);
    }
}
