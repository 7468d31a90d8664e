using System.Net;
using Chatwire.Core.Conversations;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Cli;
using Chatwire.Server.Tests.ControlChannel;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.ScaleOut;

/// <summary>Two server instances sharing one PostgreSQL database and the PostgreSQL bus, as two nodes behind a load balancer.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoNodeTests(PostgresCluster cluster) : IAsyncLifetime
{
    private ChatwireServer _nodeA = null!;
    private ChatwireServer _nodeB = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await cluster.CreateDatabaseAsync();
        _nodeA = await StartNodeAsync(_database, wordsPerSecond: "20");
        _nodeB = await StartNodeAsync(_database, wordsPerSecond: "0");
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Fact]
    public async Task TypingOnAPhoneOnNodeAReachesTheBrowserOnNodeBAndStopsThere()
    {
        var (phone, _) = await ControlClient.OpenAsync(_nodeA, "zoe", Tokens.For(_nodeA, "zoe"));
        var (browser, _) = await ControlClient.OpenAsync(_nodeB, "zoe", Tokens.For(_nodeB, "zoe"));
        await using (phone)
        await using (browser)
        {
            await phone.SendAsync(new { type = "typing", chat_id = "far-chat", is_typing = true });

            Assert.True((await browser.NextAsync("typing")).GetProperty("is_typing").GetBoolean());
            var stopped = await browser.NextAsync("typing");
            Assert.Equal(("far-chat", false), (stopped.Str("chat_id"), stopped.GetProperty("is_typing").GetBoolean()));
        }
    }

    [Fact]
    public async Task MessagesWrittenOnNodeAAreAnnouncedOnNodeBAndSyncThere()
    {
        var token = Tokens.For(_nodeA, "yan");
        var (browser, connected) = await ControlClient.OpenAsync(_nodeB, "yan", token);
        await using (browser)
        {
            var (phone, _) = await ControlClient.OpenAsync(_nodeA, "yan", token);
            await using (phone)
            {
                await phone.SendAsync(new { type = "message", chat_id = "two-nodes", content = "Hello from the phone" });
                var created = await browser.NextAsync("message_created");
                Assert.Equal("Hello from the phone", created.GetProperty("message").Str("content"));
            }

            var answer = await (await _nodeA.PostJsonAsync("/api/v1/chat", new { message = "Hello from the phone", session_id = "two-nodes" }, token: token)).ReadJsonAsync();
            var assistantId = answer.GetProperty("metadata").Str("message_id");
            var seen = await ControlChannelTests.CollectMessagesUntilAsync(browser, assistantId, "complete");
            Assert.Equal(answer.Str("response"), seen[assistantId].Str("content"));

            await browser.SendAsync(new { type = "sync", chat_id = "two-nodes", since = connected.GetProperty("cursor").GetInt64() });
            var history = await browser.NextAsync("history");
            Assert.Equal(["user", "assistant"], history.GetProperty("messages").EnumerateArray().Select(m => m.Str("role")));
        }
    }

    [Fact]
    public async Task StopAskedOfNodeBStopsTheAnswerStreamingOnNodeA()
    {
        var token = Tokens.For(_nodeA, "xia");
        var (browser, _) = await ControlClient.OpenAsync(_nodeB, "xia", token);
        await using (browser)
        {
            // Node A generates slowly; the browser on node B learns the answer's id from assistant_typing.
            var running = _nodeA.PostJsonAsync("/api/v1/chat", new { message = "Tell me everything about the warranty", session_id = "long-chat" }, token: token);
            var typing = await browser.NextAsync("assistant_typing", f => f.GetProperty("is_typing").GetBoolean());
            var assistantId = typing.Str("message_id");

            var intruder = await _nodeB.PostJsonAsync($"/api/v1/messages/{assistantId}/stop", new { }, token: Tokens.For(_nodeB, "mallory"));
            Assert.Equal(HttpStatusCode.NotFound, intruder.StatusCode);
            var stop = await _nodeB.PostJsonAsync($"/api/v1/messages/{assistantId}/stop", new { }, token: token);

            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            var response = await running.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(499, (int)response.StatusCode);
            var stored = await _nodeB.Services.GetRequiredService<IChatStore>().FindMessageAsync(assistantId, CancellationToken.None);
            Assert.Equal(MessageStatus.Cancelled, stored!.Status);
            var updated = await browser.NextMatchingAsync(f => f.Str("type") is "message_created" or "message_updated" && f.GetProperty("message").Str("id") == assistantId && f.GetProperty("message").Str("status") == "cancelled");
            Assert.Equal("long-chat", updated.Str("chat_id"));
        }
    }

    [Fact]
    public async Task AnonymousQuotaSpentOnOneNodeIsSpentOnAll()
    {
        // Usage:AnonymousDailyMessages is 2 on both nodes: one answer on each spends it.
        Assert.Equal(HttpStatusCode.OK, (await _nodeA.PostJsonAsync("/api/v1/chat", new { message = "One" }, anonId: "anon-two-nodes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _nodeB.PostJsonAsync("/api/v1/chat", new { message = "Two" }, anonId: "anon-two-nodes")).StatusCode);

        foreach (var node in new[] { _nodeA, _nodeB })
        {
            var refused = await node.PostJsonAsync("/api/v1/chat", new { message = "Three" }, anonId: "anon-two-nodes");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("ANON_LIMIT_REACHED", (await refused.ReadJsonAsync()).Str("code"));
            Assert.Equal(0, (await (await node.GetAsync("/api/v1/usage", anonId: "anon-two-nodes")).ReadJsonAsync()).GetProperty("remaining").GetInt32());
        }
    }

    [Fact]
    public async Task BalanceSpentOnOneNodeIsTheBalanceOnTheOtherAndReachesItsControlChannels()
    {
        var token = Tokens.For(_nodeA, "ula");
        var before = (await (await _nodeB.GetAsync("/api/v1/usage", token: token)).ReadJsonAsync()).GetProperty("balance").GetDecimal();
        var (browser, _) = await ControlClient.OpenAsync(_nodeB, "ula", token);
        await using (browser)
        {
            Assert.Equal(HttpStatusCode.OK, (await _nodeA.PostJsonAsync("/api/v1/chat", new { message = "What is the warranty?" }, token: token)).StatusCode);

            var usage = await browser.NextAsync("usage_info");
            var afterOnA = (await (await _nodeA.GetAsync("/api/v1/usage", token: token)).ReadJsonAsync()).GetProperty("balance").GetDecimal();
            var afterOnB = (await (await _nodeB.GetAsync("/api/v1/usage", token: token)).ReadJsonAsync()).GetProperty("balance").GetDecimal();
            Assert.True(afterOnA < before, $"{afterOnA} < {before}");
            Assert.Equal(afterOnA, afterOnB);
            Assert.Equal(afterOnA, usage.GetProperty("balance").GetDecimal());
        }
    }

    [Fact]
    public async Task StopOfSomeoneElsesAnswerIsNotFoundOnEitherNode()
    {
        var token = Tokens.For(_nodeA, "wes");
        var answer = await (await _nodeB.PostJsonAsync("/api/v1/chat", new { message = "Hi" }, token: token)).ReadJsonAsync();
        var assistantId = answer.GetProperty("metadata").Str("message_id");

        var stopper = _nodeA.Services.GetRequiredService<TurnStopper>();
        Assert.Equal(StopOutcome.NotFound, await stopper.StopAsync(assistantId, ChatIdentity.User("mallory"), CancellationToken.None));
        Assert.Equal(StopOutcome.NotRunning, await stopper.StopAsync(assistantId, ChatIdentity.User("wes"), CancellationToken.None));
    }

    [Fact]
    public async Task NodesStartingTogetherOnAnEmptyDatabaseMigrateItOnce()
    {
        var database = await cluster.CreateDatabaseAsync();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartNodeAsync(database, wordsPerSecond: "0"))).WaitAsync(TimeSpan.FromSeconds(60));

        try
        {
            var answer = await nodes[0].PostJsonAsync("/api/v1/chat", new { message = "Hello" }, token: Tokens.For(nodes[0], "vic"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var chats = await (await nodes[2].GetAsync("/api/v1/chats", token: Tokens.For(nodes[2], "vic"))).ReadJsonAsync();
            Assert.Equal(1, chats.GetProperty("total").GetInt32());
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task CreditsGrantedFromTheCommandLineReachTheUsersConnectedDevices()
    {
        var token = Tokens.For(_nodeB, "granted");
        var before = (await (await _nodeA.GetAsync("/api/v1/usage", token: token)).ReadJsonAsync()).GetProperty("balance").GetDecimal();
        var (phone, _) = await ControlClient.OpenAsync(_nodeB, "granted", token);
        await using (phone)
        {
            // The command runs apart from both nodes, as an operator's shell would run it.
            Assert.True(CommandLine.TryRun(
                ["credits", "grant", "--user", "granted", "--amount", "25", "--Database:Provider", "PostgreSQL", "--Database:ConnectionString", _database, "--Bus:Provider", "PostgreSQL"],
                out var exit));
            Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(30)));

            var usage = await phone.NextAsync("usage_info");
            Assert.Equal((before + 25m, false), (usage.GetProperty("balance").GetDecimal(), usage.GetProperty("anonymous").GetBoolean()));
        }
    }

    private static Task<ChatwireServer> StartNodeAsync(string database, string wordsPerSecond) => ChatwireServer.StartAsync(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSQL",
        ["Database:ConnectionString"] = database,
        ["Bus:Provider"] = "PostgreSQL",
        // Every node must accept every node's tokens.
        ["Auth:SigningKey"] = "two-node-test-signing-key-of-at-least-32-bytes",
        ["Sync:TypingTimeout"] = "00:00:00.300",
        ["Generation:OfflineWordsPerSecond"] = wordsPerSecond,
        ["Usage:AnonymousDailyMessages"] = "2",
    });
}
