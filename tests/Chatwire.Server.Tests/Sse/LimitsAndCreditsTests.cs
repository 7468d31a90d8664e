using System.Net;
using Chatwire.Server.Cli;
using Chatwire.Server.Tests.Support;
using Chatwire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Sse;

/// <summary>Anonymous quotas, credit balances and rate limits, as the SSE wires (and REST) report them.</summary>
public sealed class LimitsAndCreditsTests
{
    [Fact]
    public async Task AnonymousVisitorWhoSpentTheDailyQuotaGetsAnonLimitReachedAndNothingIsGenerated()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Usage:AnonymousDailyMessages"] = "2" });

        using (var first = await server.PostAsync("/api/v1/messages/send", new { content = "One" }, anonId: "anon-quota-01"))
        {
            var usage = (await SseReader.ReadAllAsync(first)).Last(e => e.Event == "usage_info").Json;
            Assert.Equal((1, 2, 1), (usage.GetProperty("used").GetInt32(), usage.GetProperty("limit").GetInt32(), usage.GetProperty("remaining").GetInt32()));
        }

        // The quota is the visitor's, whatever the wire: seed 003's endpoint spends the second message.
        using (var second = await server.PostAsync("/api/v2/ai/chat/stream", new { message = "Two" }, anonId: "anon-quota-01"))
        {
            Assert.True((await SseReader.ReadAllAsync(second)).Last().Json.GetProperty("done").GetBoolean());
        }

        using var third = await server.PostAsync("/api/v1/messages/send", new { content = "Three" }, anonId: "anon-quota-01");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var error = Assert.Single(await SseReader.ReadAllAsync(third));
        Assert.Equal(("assistant_error", "ANON_LIMIT_REACHED"), (error.Event, error.Json.Str("code")));
        var chats = await (await server.GetAsync("/api/v1/chats", anonId: "anon-quota-01")).ReadJsonAsync();
        Assert.Equal(2, chats.GetProperty("total").GetInt32());
        var remaining = await (await server.GetAsync("/api/v1/usage", anonId: "anon-quota-01")).ReadJsonAsync();
        Assert.Equal(0, remaining.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task UserWithZeroBalanceGetsInsufficientBalanceBeforeAnythingIsGenerated()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Usage:StartingBalance"] = "0" });
        var token = server.Token("broke-user");

        using var send = await server.PostAsync("/api/v1/messages/send", new { content = "Hello" }, token: token);
        Assert.Equal(HttpStatusCode.PaymentRequired, send.StatusCode);
        var error = Assert.Single(await SseReader.ReadAllAsync(send));
        Assert.Equal(("assistant_error", "INSUFFICIENT_BALANCE"), (error.Event, error.Json.Str("code")));

        using var v2 = await server.PostAsync("/api/v2/ai/chat/stream", new { message = "Hello" }, token: token);
        Assert.Equal("INSUFFICIENT_BALANCE", Assert.Single(await SseReader.ReadAllAsync(v2)).Json.Str("code"));
        var chats = await (await server.GetAsync("/api/v1/chats", token: token)).ReadJsonAsync();
        Assert.Equal(0, chats.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UserIsChargedOnceAtTheModelsPriceForTheTokensUsed()
    {
        await using var server = await StartWithPricedModelAsync(startingBalance: "10");
        var token = server.Token("paying-user");

        using var response = await server.PostAsync("/api/v1/messages/send", new { model = "priced-model", content = "What does it cost?" }, token: token);
        var events = await SseReader.ReadAllAsync(response);

        var complete = events.Single(e => e.Event == "assistant_complete").Json;
        var usage = complete.GetProperty("usage");
        var price = ((usage.GetProperty("prompt_tokens").GetInt32() * 1m) + (usage.GetProperty("completion_tokens").GetInt32() * 2m)) / 1000m;
        Assert.True(price > 0);
        var info = events.Last().Json;
        Assert.Equal("usage_info", events.Last().Event);
        Assert.Equal(price, info.GetProperty("charged").GetDecimal());
        Assert.Equal(10m - price, info.GetProperty("balance").GetDecimal());
        var balance = await (await server.GetAsync("/api/v1/usage", token: token)).ReadJsonAsync();
        Assert.Equal(10m - price, balance.GetProperty("balance").GetDecimal());
        Assert.Equal(1, await ChargesForAsync(server, complete.Str("id")));
    }

    [Fact]
    public async Task TheTurnThatSpendsTheLastCreditsEndsAtZeroAndTheNextIsRefused()
    {
        await using var server = await StartWithPricedModelAsync(startingBalance: "0.01");
        var token = server.Token("last-credits-user");

        using (var first = await server.PostAsync("/api/v1/messages/send", new { model = "priced-model", content = "What does it cost?" }, token: token))
        {
            var events = await SseReader.ReadAllAsync(first);
            Assert.Contains(events, e => e.Event == "assistant_complete");
            Assert.Equal(0m, events.Single(e => e.Event == "usage_info").Json.GetProperty("balance").GetDecimal());
        }

        // The admission check reads the balance the previous turn's charge left.
        using var second = await server.PostAsync("/api/v1/messages/send", new { model = "priced-model", content = "And now?" }, token: token);
        Assert.Equal(HttpStatusCode.PaymentRequired, second.StatusCode);
        Assert.Equal("INSUFFICIENT_BALANCE", Assert.Single(await SseReader.ReadAllAsync(second)).Json.Str("code"));
    }

    [Fact]
    public async Task CreditsGrantCommandAddsToTheBalanceTheServerSees()
    {
        var data = Directory.CreateTempSubdirectory("chatwire-credits-").FullName;
        Assert.True(CommandLine.TryRun(["credits", "grant", "--user", "alice", "--amount", "100", "--Database:DataDirectory", data], out var exit));
        Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var server = await ChatwireServer.StartAsync(dataDirectory: data);
        var usage = await (await server.GetAsync("/api/v1/usage", token: server.Token("alice"))).ReadJsonAsync();
        Assert.Equal(110m, usage.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task AnonymousRequestsOverTheRateLimitGet429WithRetryAfterOnEveryWire()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["RateLimits:AnonymousRequests"] = "2" });

        using (var one = await server.PostAsync("/api/v1/messages/send", new { content = "One" }, anonId: "anon-rate-001"))
        {
            await SseReader.ReadAllAsync(one);
        }

        using (var two = await server.GetStreamAsync("/api/v1/chat/stream?message=Two", anonId: "anon-rate-001"))
        {
            await SseReader.ReadAllAsync(two);
        }

        using var sse = await server.PostAsync("/api/v1/messages/send", new { content = "Three" }, anonId: "anon-rate-001");
        Assert.Equal(HttpStatusCode.TooManyRequests, sse.StatusCode);
        Assert.InRange(sse.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        var error = Assert.Single(await SseReader.ReadAllAsync(sse));
        Assert.Equal(("assistant_error", "RATE_LIMITED"), (error.Event, error.Json.Str("code")));

        using var v2 = await server.PostAsync("/api/v2/ai/chat/stream", new { message = "Four" }, anonId: "anon-rate-001");
        Assert.Equal(HttpStatusCode.TooManyRequests, v2.StatusCode);
        Assert.Equal("RATE_LIMITED", Assert.Single(await SseReader.ReadAllAsync(v2)).Json.Str("code"));

        var rest = await server.PostJsonAsync("/api/v1/chat", new { message = "Five" }, anonId: "anon-rate-001");
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.NotNull(rest.Headers.RetryAfter);

        // Another visitor has a limit of their own.
        using var other = await server.PostAsync("/api/v1/messages/send", new { content = "Hi" }, anonId: "anon-rate-002");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AuthenticatedUsersHaveTheirOwnRateLimit()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["RateLimits:AuthenticatedRequests"] = "1" });
        var token = server.Token("busy-user");

        using (var first = await server.PostAsync("/api/v2/ai/chat/stream", new { message = "One" }, token: token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            await SseReader.ReadAllAsync(first);
        }

        using var second = await server.PostAsync("/api/v2/ai/chat/stream", new { message = "Two" }, token: token);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    internal static async Task<int> ChargesForAsync(ChatwireServer server, string messageId)
    {
        var contexts = server.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.CreditEntries.CountAsync(e => e.MessageId == messageId && e.Kind == "charge");
    }

    /// <summary>A server whose "priced-model" (the offline responder) costs 1 credit per 1K prompt tokens and 2 per 1K completion tokens.</summary>
    private static Task<ChatwireServer> StartWithPricedModelAsync(string startingBalance) =>
        ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Generation:Models:0:Name"] = "priced-model",
            ["Generation:Models:0:Provider"] = "offline",
            ["Generation:Models:0:PromptPricePer1K"] = "1",
            ["Generation:Models:0:CompletionPricePer1K"] = "2",
            ["Usage:StartingBalance"] = startingBalance,
        });
}
