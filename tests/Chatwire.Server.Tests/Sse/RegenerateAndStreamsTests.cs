using System.Net;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Sse;

/// <summary>Regenerate (seed 001), the GET stream (seed 000) and the v2 stream (seed 003).</summary>
public sealed class RegenerateAndStreamsTests : IAsyncLifetime
{
    private ChatwireServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatwireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RegenerateStreamsANewVersionAndKeepsBoth()
    {
        using var sent = await _server.PostAsync("/api/v1/messages/send", new { content = "What is the warranty?" }, anonId: "anon-regen-001");
        var original = (await SseReader.ReadAllAsync(sent)).Single(e => e.Event == "assistant_complete").Json;

        using var response = await _server.PostAsync($"/api/v1/messages/{original.Str("id")}/regenerate", null, anonId: "anon-regen-001");
        var events = await SseReader.ReadAllAsync(response);

        Assert.Equal("assistant_regenerating", events[0].Event);
        Assert.Equal(original.Str("id"), events[0].Json.Str("replaces_message_id"));
        Assert.Equal(["assistant_regenerated", "usage_info"], events.Names()[^2..]);
        Assert.Contains(events, e => e.Event == "assistant_delta");
        var regenerated = events[^2].Json;
        Assert.NotEqual(original.Str("id"), regenerated.Str("id"));
        Assert.Equal(original.Str("id"), regenerated.Str("replaces_message_id"));

        var messages = await (await _server.GetAsync($"/api/v1/chats/{original.Str("chat_id")}/messages", anonId: "anon-regen-001")).ReadJsonAsync();
        var items = messages.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "assistant"], items.Select(m => m.Str("role")));
        Assert.Equal(original.Str("id"), items[1].Str("id"));
        Assert.Equal((regenerated.Str("id"), original.Str("id")), (items[2].Str("id"), items[2].Str("replaces_message_id")));
    }

    [Fact]
    public async Task SomeoneElsesMessageCannotBeRegenerated()
    {
        using var sent = await _server.PostAsync("/api/v1/messages/send", new { content = "Mine" }, anonId: "anon-regen-002");
        var original = (await SseReader.ReadAllAsync(sent)).Single(e => e.Event == "assistant_complete").Json;

        using var response = await _server.PostAsync($"/api/v1/messages/{original.Str("id")}/regenerate", null, anonId: "anon-regen-003");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("MESSAGE_NOT_FOUND", Assert.Single(await SseReader.ReadAllAsync(response)).Json.Str("code"));
    }

    [Fact]
    public async Task ChatStreamSendsContentChunksThenDoneAndAcceptsTheTokenInTheQuery()
    {
        var token = _server.Token("stream-user");
        using var response = await _server.GetStreamAsync($"/api/v1/chat/stream?message=Hello&token={token}");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await SseReader.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.All(events, e => Assert.NotNull(e.Id));
        var chunks = events[..^1].Select(e => e.Json).ToList();
        Assert.True(chunks.Count > 3);
        var chats = await (await _server.GetAsync("/api/v1/chats", token: token)).ReadJsonAsync();
        Assert.Equal(chunks[0].Str("chat_id"), chats.GetProperty("items")[0].Str("id"));
    }

    [Fact]
    public async Task ChatStreamWithoutAMessageSendsAnErrorThenDone()
    {
        using var response = await _server.GetStreamAsync("/api/v1/chat/stream", anonId: "anon-stream-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var events = await SseReader.ReadAllAsync(response);
        Assert.Equal(2, events.Count);
        Assert.Equal("EMPTY_MESSAGE", events[0].Json.Str("code"));
        Assert.Equal("[DONE]", events[1].Data);
    }

    [Fact]
    public async Task BrowserReconnectWithLastEventIdGetsNoContentInsteadOfAskingAgain()
    {
        using var response = await _server.GetStreamAsync("/api/v1/chat/stream?message=Hello", anonId: "anon-stream-02", lastEventId: "abc:7");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var chats = await (await _server.GetAsync("/api/v1/chats", anonId: "anon-stream-02")).ReadJsonAsync();
        Assert.Equal(0, chats.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AiChatStreamEndsWithDoneTrueAndTheSessionId()
    {
        using var response = await _server.PostAsync("/api/v2/ai/chat/stream", new { message = "What services do you offer?", sessionId = "v2-session-1" }, anonId: "anon-v2-0001");

        var events = await SseReader.ReadAllAsync(response);
        var done = events[^1].Json;
        Assert.True(done.GetProperty("done").GetBoolean());
        Assert.Equal("v2-session-1", done.Str("sessionId"));
        Assert.All(events[..^1], e => Assert.Equal("v2-session-1", e.Json.Str("sessionId")));
        Assert.True(events[..^1].All(e => e.Json.Str("content").Length > 0));
    }

    [Fact]
    public async Task AiChatStreamMalformedJsonIsAnErrorEvent()
    {
        using var response = await _server.PostRawAsync("/api/v2/ai/chat/stream", "{\"message\":", anonId: "anon-v2-0002");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await SseReader.ReadAllAsync(response)).Json;
        Assert.Equal("INVALID_JSON", error.Str("code"));
        Assert.False(string.IsNullOrEmpty(error.Str("error")));
    }
}
