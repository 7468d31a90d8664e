using System.Net;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Rest;

public sealed class ConcurrentTurnsTests
{
    [Fact]
    public async Task ManySimultaneousTurnsOnSqliteAreAllAnsweredAndStored()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:AnonymousRequests"] = "1000",
        });
        var callers = Enumerable.Range(0, 64).Select(i => $"anon-concurrent-{i:D3}").ToList();

        var responses = await Task.WhenAll(callers.Select(anonId =>
            server.PostJsonAsync("/api/v1/chat", new { message = "What is the warranty?", brand_id = "techpro" }, anonId: anonId)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var anonId in callers)
        {
            var chats = await (await server.GetAsync("/api/v1/chats", anonId: anonId)).ReadJsonAsync();
            var chatId = chats.GetProperty("items")[0].Str("id");
            var messages = await (await server.GetAsync($"/api/v1/chats/{chatId}/messages", anonId: anonId)).ReadJsonAsync();
            Assert.Equal(["user", "assistant"], messages.GetProperty("items").EnumerateArray().Select(m => m.Str("role")));
            Assert.Equal("complete", messages.GetProperty("items")[1].Str("status"));
        }
    }
}
