using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Chatwire.Core.Notifications;
using Chatwire.Core.Usage;
using Chatwire.Server.Tests.Sse;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.ControlChannel;

public sealed class ControlChannelTests : IAsyncLifetime
{
    private ChatwireServer _server = null!;

    // A short idle rule keeps these tests quick; one test below runs the real 2-second default.
    public async Task InitializeAsync() => _server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Sync:TypingTimeout"] = "00:00:00.300" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TypingOnOnePhoneReachesTheUsersOtherDeviceAndStopsWhenItGoesQuiet()
    {
        var token = Tokens.For(_server, "typist");
        var (phone, _) = await ControlClient.OpenAsync(_server, "typist", token);
        var (browser, _) = await ControlClient.OpenAsync(_server, "typist", token);
        await using (phone)
        await using (browser)
        {
            await phone.SendAsync(new { type = "typing", chat_id = "chat-1", is_typing = true });

            var started = await browser.NextAsync("typing");
            Assert.Equal(("chat-1", true, "typist"), (started.Str("chat_id"), started.GetProperty("is_typing").GetBoolean(), started.Str("user_id")));
            var stopped = await browser.NextAsync("typing");
            Assert.Equal(("chat-1", false), (stopped.Str("chat_id"), stopped.GetProperty("is_typing").GetBoolean()));

            // The phone never hears its own typing: the next frame it gets is the pong it asks for.
            await phone.SendAsync(new { type = "ping" });
            Assert.Equal("pong", (await phone.NextAsync()).Str("type"));
        }
    }

    [Fact]
    public async Task TypingRefreshedBeforeTheIdleTimeoutKeepsTheIndicatorOn()
    {
        // Its own server with a longer idle rule: refreshes 400 ms apart leave a busy machine more
        // than a second of slack, and five of them outlast the rule, so only refreshing holds it on.
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Sync:TypingTimeout"] = "00:00:01.500" });
        var token = Tokens.For(server, "refresher");
        var (phone, _) = await ControlClient.OpenAsync(server, "refresher", token);
        var (browser, _) = await ControlClient.OpenAsync(server, "refresher", token);
        await using (phone)
        await using (browser)
        {
            await phone.SendAsync(new { type = "typing", chat_id = "chat-1", is_typing = true });
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(400); // the client's own refresh pace, shorter than the idle rule
                await phone.SendAsync(new { type = "typing", chat_id = "chat-1", is_typing = true });
            }

            // Then an explicit stop, and typing elsewhere as a marker. Had the indicator lapsed while
            // being refreshed, the browser would have seen it stop and start again before the marker.
            await phone.SendAsync(new { type = "typing", chat_id = "chat-1", is_typing = false });
            await phone.SendAsync(new { type = "typing", chat_id = "chat-2", is_typing = true });
            var seen = new List<(string?, bool)>();
            while (seen.Count == 0 || seen[^1].Item1 != "chat-2")
            {
                var typing = await browser.NextAsync("typing");
                seen.Add((typing.Str("chat_id"), typing.GetProperty("is_typing").GetBoolean()));
            }

            Assert.Equal([("chat-1", true), ("chat-1", false), ("chat-2", true)], seen);
        }
    }

    [Fact]
    public async Task ExplicitStopAndDisconnectBothEndTypingAtOnce()
    {
        var token = Tokens.For(_server, "stopper");
        var (phone, _) = await ControlClient.OpenAsync(_server, "stopper", token);
        var (browser, _) = await ControlClient.OpenAsync(_server, "stopper", token);
        await using (browser)
        {
            await phone.SendAsync(new { type = "typing", chat_id = "a", is_typing = true });
            await browser.NextAsync("typing", f => f.GetProperty("is_typing").GetBoolean());
            await phone.SendAsync(new { type = "typing", chat_id = "a", is_typing = false });
            Assert.False((await browser.NextAsync("typing")).GetProperty("is_typing").GetBoolean());

            await phone.SendAsync(new { type = "typing", chat_id = "b", is_typing = true });
            await browser.NextAsync("typing", f => f.GetProperty("is_typing").GetBoolean());
            await phone.DisposeAsync();
            var gone = await browser.NextAsync("typing");
            Assert.Equal(("b", false), (gone.Str("chat_id"), gone.GetProperty("is_typing").GetBoolean()));
        }
    }

    [Fact]
    public async Task DeviceThatConnectsMidAnswerIsToldTheAssistantIsTypingAndThenThatItStopped()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Generation:OfflineWordsPerSecond"] = "10" });
        var token = Tokens.For(server, "latecomer");
        using var stream = await server.GetStreamAsync("/api/v1/chat/stream?message=What%20is%20the%20warranty%3F&chat_id=late-chat", token: token);
        await using var events = SseReader.ReadAsync(stream).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync()); // the answer is streaming

        var (phone, _) = await ControlClient.OpenAsync(server, "latecomer", token);
        await using (phone)
        {
            var typing = await phone.NextAsync("assistant_typing");
            Assert.Equal(("late-chat", true), (typing.Str("chat_id"), typing.GetProperty("is_typing").GetBoolean()));
            var done = await phone.NextAsync("assistant_typing", timeout: TimeSpan.FromSeconds(30));
            Assert.Equal((typing.Str("message_id"), false), (done.Str("message_id"), done.GetProperty("is_typing").GetBoolean()));
        }
    }

    [Fact]
    public async Task AnswerStreamedOverSseIsAnnouncedAsCreatedAndCompletedMessages()
    {
        var token = Tokens.For(_server, "watcher");
        var (phone, _) = await ControlClient.OpenAsync(_server, "watcher", token);
        await using (phone)
        {
            // Seed 000 flow step 3, on the user's other channel: GET /api/v1/chat/stream ending with [DONE].
            string streamed;
            using (var stream = await _server.GetStreamAsync("/api/v1/chat/stream?message=What%20is%20the%20warranty%3F&chat_id=watched-chat", token: token))
            {
                var events = await SseReader.ReadAllAsync(stream);
                Assert.Equal("[DONE]", events[^1].Data);
                streamed = string.Concat(events.SkipLast(1).Select(e => e.Json.Str("content")));
            }

            // Read every frame (none skipped) until the answer is complete and its typing indicator off.
            var frames = new List<JsonElement>();
            while (!frames.Any(f => f.Str("type") == "assistant_typing" && !f.GetProperty("is_typing").GetBoolean())
                || !frames.Any(f => f.Str("type") is "message_created" or "message_updated" && f.GetProperty("message").Str("role") == "assistant" && f.GetProperty("message").Str("status") == "complete"))
            {
                frames.Add(await phone.NextAsync());
            }

            var messages = frames.Where(f => f.Str("type") is "message_created" or "message_updated").Select(f => f.GetProperty("message")).ToList();
            var question = Assert.Single(messages, m => m.Str("role") == "user");
            Assert.Equal(("What is the warranty?", "watched-chat"), (question.Str("content"), question.Str("chat_id")));
            var answer = messages.Last(m => m.Str("role") == "assistant");
            Assert.Equal(streamed, answer.Str("content"));
            var assistantId = answer.Str("id");
            Assert.Equal("message_created", frames.First(f => f.Str("type") is "message_created" or "message_updated" && f.GetProperty("message").Str("id") == assistantId).Str("type"));
            var typing = frames.Where(f => f.Str("type") == "assistant_typing").ToList();
            Assert.Equal([true, false], typing.Select(f => f.GetProperty("is_typing").GetBoolean()));
            Assert.All(typing, f => Assert.Equal(("watched-chat", assistantId), (f.Str("chat_id"), f.Str("message_id"))));

            // A user's usage after a charge reaches the control channel as usage_info too.
            var usage = await phone.NextAsync("usage_info");
            Assert.False(usage.GetProperty("anonymous").GetBoolean());
            Assert.True(usage.TryGetProperty("balance", out _));
        }
    }

    [Fact]
    public async Task SyncAfterADisconnectReturnsExactlyTheMessagesMissedEachOnce()
    {
        var token = Tokens.For(_server, "traveller");
        var (phone, connected) = await ControlClient.OpenAsync(_server, "traveller", token);
        long cursor;
        string[] seenIds;
        await using (phone)
        {
            var first = await (await _server.PostJsonAsync("/api/v1/chat", new { message = "First question", session_id = "trip" }, token: token)).ReadJsonAsync();
            var seen = await CollectMessagesUntilAsync(phone, first.GetProperty("metadata").Str("message_id"), "complete");
            cursor = seen.Values.Max(m => m.GetProperty("revision").GetInt64());
            seenIds = [.. seen.Keys];
            Assert.True(cursor > connected.GetProperty("cursor").GetInt64());
        }

        // Offline: two more answers in this chat and one in another.
        await _server.PostJsonAsync("/api/v1/chat", new { message = "Second question", session_id = "trip" }, token: token);
        await _server.PostJsonAsync("/api/v1/chat", new { message = "Third question", session_id = "trip" }, token: token);
        await _server.PostJsonAsync("/api/v1/chat", new { message = "Elsewhere", session_id = "other-trip" }, token: token);

        var (again, _) = await ControlClient.OpenAsync(_server, "traveller", token);
        await using (again)
        {
            await again.SendAsync(new { type = "sync", chat_id = "trip", since = cursor });
            var missed = await again.NextAsync("history");
            var messages = missed.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["Second question", "Third question"], messages.Where(m => m.Str("role") == "user").Select(m => m.Str("content")));
            Assert.Equal(4, messages.Count);
            Assert.Equal(messages.Count, messages.Select(m => m.Str("id")).Distinct().Count());
            Assert.DoesNotContain(messages, m => seenIds.Contains(m.Str("id")));
            Assert.All(messages, m => Assert.Equal("complete", m.Str("status")));
            Assert.False(missed.GetProperty("has_more").GetBoolean());

            // Every chat: the other chat's two messages too. Then, from the new cursor, nothing.
            await again.SendAsync(new { type = "sync", since = cursor });
            var all = await again.NextAsync("history");
            Assert.Equal(6, all.GetProperty("messages").GetArrayLength());
            await again.SendAsync(new { type = "sync", since = all.GetProperty("cursor").GetInt64() });
            Assert.Equal(0, (await again.NextAsync("history")).GetProperty("messages").GetArrayLength());
        }
    }

    [Fact]
    public async Task MessageSentOnOneDeviceIsStoredAndSyncedAndTheStreamAnswersItWithoutStoringItTwice()
    {
        var token = Tokens.For(_server, "sender");
        var (phone, _) = await ControlClient.OpenAsync(_server, "sender", token);
        var (browser, _) = await ControlClient.OpenAsync(_server, "sender", token);
        await using (phone)
        await using (browser)
        {
            await phone.SendAsync(new { type = "message", chat_id = "shared-chat", content = "How do I pair the device?" });
            var onBrowser = await browser.NextAsync("message_created");
            var onPhone = await phone.NextAsync("message_created");
            Assert.Equal(onPhone.GetProperty("message").Str("id"), onBrowser.GetProperty("message").Str("id"));
            Assert.Equal(("user", "How do I pair the device?", "shared-chat"), (onBrowser.GetProperty("message").Str("role"), onBrowser.GetProperty("message").Str("content"), onBrowser.Str("chat_id")));

            // Seed 000 flow step 3: the stream is asked to answer the same text.
            var answer = await (await _server.PostJsonAsync("/api/v1/chat", new { message = "How do I pair the device?", session_id = "shared-chat" }, token: token)).ReadJsonAsync();
            await CollectMessagesUntilAsync(browser, answer.GetProperty("metadata").Str("message_id"), "complete");

            await phone.SendAsync(new { type = "bot_response_complete", chat_id = "shared-chat" });
            var history = await phone.NextAsync("history");
            var messages = history.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal([("user", "How do I pair the device?"), ("assistant", answer.Str("response"))], messages.Select(m => (m.Str("role"), m.Str("content"))));
            Assert.Equal("shared-chat", history.Str("chat_id"));
        }
    }

    [Fact]
    public async Task UsageChangesReachEveryDeviceAsUsageInfo()
    {
        var token = Tokens.For(_server, "spender");
        var (phone, _) = await ControlClient.OpenAsync(_server, "spender", token);
        await using (phone)
        {
            var bus = _server.Services.GetRequiredService<IChatBus>();
            await bus.PublishAsync(new UsageNotification("user:spender", new UsageSnapshot { IsAnonymous = false, Balance = 4.5m }), CancellationToken.None);

            var usage = await phone.NextAsync("usage_info");
            Assert.Equal(4.5m, usage.GetProperty("balance").GetDecimal());
            Assert.False(usage.GetProperty("anonymous").GetBoolean());
        }
    }

    [Theory]
    [InlineData("victim", "intruder", "Token does not belong to this user")]
    [InlineData("victim", null, "Token is required")]
    [InlineData("victim", "not-a-jwt", "Invalid token")]
    public async Task ConnectionWithoutAMatchingTokenIsRefusedWithAReasonAndStoresNothing(string userId, string? tokenUser, string reason)
    {
        var token = tokenUser switch
        {
            null => null,
            "not-a-jwt" => "not-a-jwt",
            _ => Tokens.For(_server, tokenUser),
        };
        var client = await ControlClient.ConnectAsync(_server, userId, token);
        await using (client)
        {
            var error = await client.NextAsync("error");
            Assert.Equal(reason, error.Str("message"));
            await client.SendAsync(new { type = "message", chat_id = "sneaky", content = "let me in" }).ContinueWith(_ => { }, TaskScheduler.Default);
            await client.WaitClosedAsync();
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
            Assert.Equal(reason, client.CloseDescription);
        }

        var chats = await (await _server.GetAsync("/api/v1/chats", token: Tokens.For(_server, userId))).ReadJsonAsync();
        Assert.Equal(0, chats.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ForeignBrowserOriginIsRefusedBeforeTheUpgrade()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var token = Tokens.For(_server, "target");
        using var timeout = new CancellationTokenSource(ControlClient.Timeout);

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(_server.WebSocketUri($"/api/v1/ws/chat/target?token={token}"), timeout.Token));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpRequestToTheChannelIsRefused()
    {
        var response = await _server.GetAsync("/api/v1/ws/chat/someone");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "INVALID_JSON")]
    [InlineData("[1,2]", "INVALID_FORMAT")]
    [InlineData("{\"chat_id\":\"x\"}", "INVALID_FORMAT")]
    [InlineData("{\"type\":\"dance\"}", "UNKNOWN_TYPE")]
    [InlineData("{\"type\":\"typing\"}", "INVALID_FORMAT")]
    [InlineData("{\"type\":\"typing\",\"chat_id\":42}", "INVALID_FORMAT")]
    [InlineData("{\"type\":\"typing\",\"chat_id\":\"x\",\"is_typing\":\"yes\"}", "INVALID_FORMAT")]
    [InlineData("{\"type\":\"sync\",\"since\":-1}", "INVALID_FORMAT")]
    [InlineData("{\"type\":\"message\",\"chat_id\":\"x\"}", "INVALID_FORMAT")]
    [InlineData("{\"type\":\"message\",\"chat_id\":\"x\",\"content\":\"   \"}", "EMPTY_MESSAGE")]
    [InlineData("{\"type\":\"bot_response_complete\"}", "INVALID_FORMAT")]
    public async Task MalformedFrameIsAnsweredWithAnErrorAndTheConnectionStaysOpen(string frame, string code)
    {
        var (client, _) = await ControlClient.OpenAsync(_server, "clumsy", Tokens.For(_server, "clumsy"));
        await using (client)
        {
            await client.SendTextAsync(frame);
            var error = await client.NextAsync();
            Assert.Equal(("error", code), (error.Str("type"), error.Str("code")));
            Assert.False(string.IsNullOrWhiteSpace(error.Str("message")));

            await client.SendAsync(new { type = "ping" });
            Assert.Equal("pong", (await client.NextAsync()).Str("type"));
        }
    }

    [Fact]
    public async Task MessageForAnotherUsersChatIsRefusedAsNotFound()
    {
        var owner = Tokens.For(_server, "owner");
        await _server.PostJsonAsync("/api/v1/chat", new { message = "Mine", session_id = "private-chat" }, token: owner);
        var (intruder, _) = await ControlClient.OpenAsync(_server, "intruder", Tokens.For(_server, "intruder"));
        await using (intruder)
        {
            await intruder.SendAsync(new { type = "message", chat_id = "private-chat", content = "hello?" });
            Assert.Equal("CONVERSATION_NOT_FOUND", (await intruder.NextAsync("error")).Str("code"));

            await intruder.SendAsync(new { type = "sync", chat_id = "private-chat" });
            Assert.Equal(0, (await intruder.NextAsync("history")).GetProperty("messages").GetArrayLength());
        }
    }

    /// <summary>Reads message frames until <paramref name="messageId"/> has <paramref name="status"/>; the latest state of each message by id.</summary>
    internal static async Task<Dictionary<string, JsonElement>> CollectMessagesUntilAsync(ControlClient client, string messageId, string status)
    {
        var seen = new Dictionary<string, JsonElement>();
        while (!(seen.TryGetValue(messageId, out var target) && target.Str("status") == status))
        {
            var frame = await client.NextMatchingAsync(f => f.Str("type") is "message_created" or "message_updated");
            seen[frame.GetProperty("message").Str("id")] = frame.GetProperty("message");
        }

        return seen;
    }
}
