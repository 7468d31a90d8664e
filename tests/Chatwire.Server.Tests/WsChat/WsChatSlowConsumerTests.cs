using Chatwire.Core.Conversations;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.WsChat;

/// <summary>A client that stops reading is dropped after the send timeout, never buffered for without limit.</summary>
public sealed class WsChatSlowConsumerTests
{
    [Fact]
    public async Task ClientThatStopsReadingIsDroppedAndItsAnswerStoppedUpstream()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();

        // Every token frame repeats the answer so far (partial_response), so a long answer grows
        // past the socket buffers on both ends within a few thousand tokens.
        upstream.Words = Enumerable.Range(0, 20_000).Select(i => $" word{i}").ToList();

        // Paced, so the upstream is still generating when the server gives up on the reader.
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(1);
        var settings = upstream.UpstreamModelSettings();
        settings["WsChat:SendTimeout"] = "00:00:01";
        await using var server = await ChatwireServer.StartAsync(settings);
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(server, "slow-reader");

        await client.SendAsync(new { type = "message", message = "Tell me everything", session_id = "slow-reader-session", model = "upstream-model" });

        // The client reads nothing more. The server must give up on it and stop the upstream.
        await upstream.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(upstream.ChunksWritten < 20_000, "the upstream stopped before the end of the answer");
        var answer = await StoreWaits.FinalAnswerAsync(server.Services.GetRequiredService<IChatStore>(), "slow-reader-session");
        Assert.Equal(MessageStatus.Cancelled, answer.Status);
        Assert.StartsWith(" word0 word1", answer.Content, StringComparison.Ordinal);
    }
}
