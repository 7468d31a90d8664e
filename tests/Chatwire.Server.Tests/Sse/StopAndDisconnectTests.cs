using System.Net;
using Chatwire.Core.Conversations;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Sse;

/// <summary>Stopping an answer: explicitly from another connection, or by the client going away.</summary>
public sealed class StopAndDisconnectTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private ChatwireServer _server = null!;

    // A slow pace, so the answer is still generating when the test acts on it.
    public async Task InitializeAsync() => _server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
    {
        ["Generation:OfflineWordsPerSecond"] = "5",
        ["Generation:Models:0:Name"] = "chatwire-offline",
        ["Generation:Models:0:Provider"] = "offline",
        ["Generation:Models:0:PromptPricePer1K"] = "1",
        ["Generation:Models:0:CompletionPricePer1K"] = "2",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("message_id")]
    [InlineData("stream_id")]
    public async Task StopFromAnotherConnectionEndsTheStreamAndStoresTheAnswerAsCancelled(string idField)
    {
        using var response = await _server.PostAsync("/api/v1/messages/send", new { content = "Tell me everything" }, anonId: "anon-stop-0001");
        using var cancellation = new CancellationTokenSource(Timeout);
        await using var events = SseReader.ReadAsync(response, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        Assert.True(await events.MoveNextAsync());
        var typing = events.Current.Json;
        Assert.Equal("assistant_typing", events.Current.Event);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("assistant_delta", events.Current.Event);

        var id = typing.Str(idField);
        var intruder = await _server.PostJsonAsync($"/api/v1/messages/{id}/stop", new { }, anonId: "anon-stop-intruder");
        Assert.Equal(HttpStatusCode.NotFound, intruder.StatusCode);
        var stop = await _server.PostJsonAsync($"/api/v1/messages/{id}/stop", new { }, anonId: "anon-stop-0001");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);

        var rest = new List<SseEvent>();
        while (await events.MoveNextAsync())
        {
            rest.Add(events.Current);
        }

        var error = rest.Single(e => e.Event == "assistant_error").Json;
        Assert.Equal("CANCELLED", error.Str("code"));
        Assert.DoesNotContain(rest, e => e.Event == "assistant_complete");
        var stored = await _server.Services.GetRequiredService<IChatStore>().FindMessageAsync(typing.Str("message_id"), CancellationToken.None);
        Assert.Equal(MessageStatus.Cancelled, stored!.Status);
        Assert.False(string.IsNullOrEmpty(stored.Content));
    }

    [Fact]
    public async Task StoppingAnAnswerThatIsNotRunningIsNotFound()
    {
        var response = await _server.PostJsonAsync("/api/v1/messages/no-such-message/stop", new { }, anonId: "anon-stop-0002");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("MESSAGE_NOT_FOUND", (await response.ReadJsonAsync()).Str("code"));
    }

    [Fact]
    public async Task ClientThatDisconnectsMidStreamLeavesACancelledMessageChargedOnce()
    {
        var token = _server.Token("leaving-user");
        string messageId;
        using (var response = await _server.PostAsync("/api/v1/messages/send", new { content = "A long answer please" }, token: token))
        {
            using var cancellation = new CancellationTokenSource(Timeout);
            await using var events = SseReader.ReadAsync(response, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
            Assert.True(await events.MoveNextAsync());
            messageId = events.Current.Json.Str("message_id");
            for (var deltas = 0; deltas < 2;)
            {
                Assert.True(await events.MoveNextAsync());
                deltas += events.Current.Event == "assistant_delta" ? 1 : 0;
            }
        }

        // Disposing the response closed the connection; the server notices and finishes the turn.
        var store = _server.Services.GetRequiredService<IChatStore>();
        var stored = await Eventually.MatchAsync(() => store.FindMessageAsync(messageId, CancellationToken.None), m => m?.Status == MessageStatus.Cancelled, Timeout);
        Assert.False(string.IsNullOrEmpty(stored!.Content));
        Assert.True(stored.CompletionTokens > 0);
        // Settlement follows the final write of the message.
        await Eventually.MatchAsync(() => LimitsAndCreditsTests.ChargesForAsync(_server, messageId), charges => charges == 1, Timeout);
        var price = ((stored.PromptTokens * 1m) + (stored.CompletionTokens * 2m)) / 1000m;
        var usage = await (await _server.GetAsync("/api/v1/usage", token: token)).ReadJsonAsync();
        Assert.Equal(10m - price, usage.GetProperty("balance").GetDecimal());
    }
}
