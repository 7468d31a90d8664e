using System.Net;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Sse;

/// <summary>Seed 001's <c>POST /api/v1/messages/send</c> and <c>/api/v1/messages/test-sse</c>.</summary>
public sealed class MessagesSseTests : IAsyncLifetime
{
    private ChatwireServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
    {
        ["Sse:TestEventInterval"] = "00:00:00.01",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendStreamsTypingDeltasCompleteAndUsageInThatOrder()
    {
        using var response = await _server.PostAsync("/api/v1/messages/send", new { model = "chatwire-offline", content = "What is the engine power?", temperature = 0.7 }, anonId: "anon-sse-0001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));
        var events = await SseReader.ReadAllAsync(response);
        var names = events.Names();
        Assert.Equal("assistant_typing", names[0]);
        Assert.Equal(["assistant_complete", "usage_info"], names[^2..]);
        Assert.All(names[1..^2], n => Assert.Equal("assistant_delta", n));
        Assert.True(names.Length > 5, "the answer streams in several deltas");
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.Id)));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());

        var typing = events[0].Json;
        var complete = events[^2].Json;
        var chatId = typing.Str("chat_id");
        Assert.Equal(chatId, complete.Str("chat_id"));
        Assert.Equal(typing.Str("message_id"), complete.Str("id"));
        Assert.Equal("chatwire-offline", complete.Str("model"));
        Assert.Equal(string.Concat(events.Where(e => e.Event == "assistant_delta").Select(e => e.Json.Str("delta"))), complete.Str("content"));
        Assert.True(complete.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        var usage = events[^1].Json;
        Assert.Equal((1, 20, 19), (usage.GetProperty("used").GetInt32(), usage.GetProperty("limit").GetInt32(), usage.GetProperty("remaining").GetInt32()));
        Assert.True(usage.TryGetProperty("resets_at", out _));

        var messages = await (await _server.GetAsync($"/api/v1/chats/{chatId}/messages", anonId: "anon-sse-0001")).ReadJsonAsync();
        var stored = messages.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(("user", "What is the engine power?"), (stored[0].Str("role"), stored[0].Str("content")));
        Assert.Equal((complete.Str("content"), "complete"), (stored[1].Str("content"), stored[1].Str("status")));
    }

    [Fact]
    public async Task GivenChatIdIsContinued()
    {
        using var first = await _server.PostAsync("/api/v1/messages/send", new { chat_id = "chat-001-seed", content = "Hello" }, anonId: "anon-sse-0002");
        var firstEvents = await SseReader.ReadAllAsync(first);
        using var second = await _server.PostAsync("/api/v1/messages/send", new { chat_id = "chat-001-seed", content = "And again" }, anonId: "anon-sse-0002");
        var secondEvents = await SseReader.ReadAllAsync(second);

        Assert.Equal("chat-001-seed", firstEvents[0].Json.Str("chat_id"));
        Assert.Equal("chat-001-seed", secondEvents[0].Json.Str("chat_id"));
        var messages = await (await _server.GetAsync("/api/v1/chats/chat-001-seed/messages", anonId: "anon-sse-0002")).ReadJsonAsync();
        Assert.Equal(4, messages.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("{\"content\": \"hi\"", "INVALID_JSON")]
    [InlineData("[1, 2]", "INVALID_FORMAT")]
    [InlineData("{\"content\": 42}", "INVALID_FORMAT")]
    [InlineData("{\"content\": \"hi\", \"temperature\": \"hot\"}", "INVALID_FORMAT")]
    [InlineData("{\"model\": \"chatwire-offline\"}", "INVALID_FORMAT")]
    public async Task MalformedBodyIsAnsweredWithAnAssistantErrorAndNothingIsStored(string json, string code)
    {
        using var response = await _server.PostRawAsync("/api/v1/messages/send", json, anonId: "anon-sse-0003");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await SseReader.ReadAllAsync(response));
        Assert.Equal("assistant_error", error.Event);
        Assert.Equal(code, error.Json.Str("code"));
        Assert.False(string.IsNullOrEmpty(error.Json.Str("error")));
        await AssertNoChatsAsync("anon-sse-0003");
    }

    [Fact]
    public async Task UnknownModelFailsWithModelNotFound()
    {
        using var response = await _server.PostAsync("/api/v1/messages/send", new { model = "gpt-17-ultra", content = "Hello" }, anonId: "anon-sse-0004");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await SseReader.ReadAllAsync(response));
        Assert.Equal(("assistant_error", "MODEL_NOT_FOUND"), (error.Event, error.Json.Str("code")));
        await AssertNoChatsAsync("anon-sse-0004");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(2.5)]
    public async Task TemperatureOutsideZeroToTwoFailsWithInvalidTemperature(double temperature)
    {
        using var response = await _server.PostAsync("/api/v1/messages/send", new { content = "Hello", temperature }, anonId: "anon-sse-0005");

        var error = Assert.Single(await SseReader.ReadAllAsync(response));
        Assert.Equal(("assistant_error", "INVALID_TEMPERATURE"), (error.Event, error.Json.Str("code")));
        await AssertNoChatsAsync("anon-sse-0005");
    }

    [Fact]
    public async Task InvalidAnonIdIsRefusedInTheEventFormat()
    {
        using var response = await _server.PostAsync("/api/v1/messages/send", new { content = "Hello" }, anonId: "no good!");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await SseReader.ReadAllAsync(response));
        Assert.Equal(("assistant_error", "INVALID_ANON_ID"), (error.Event, error.Json.Str("code")));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task TestSseSendsNumberedTestMessagesThenTestComplete(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/messages/test-sse");
        using var response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var events = await SseReader.ReadAllAsync(response);
        Assert.Equal(["test_message", "test_message", "test_message", "test_message", "test_message", "test_complete"], events.Names());
        Assert.Equal([1, 2, 3, 4, 5], events.Take(5).Select(e => e.Json.GetProperty("counter").GetInt32()));
        Assert.All(events.Take(5), e => Assert.False(string.IsNullOrEmpty(e.Json.Str("message"))));
    }

    private async Task AssertNoChatsAsync(string anonId)
    {
        var chats = await (await _server.GetAsync("/api/v1/chats", anonId: anonId)).ReadJsonAsync();
        Assert.Equal(0, chats.GetProperty("total").GetInt32());
    }
}
