using System.Text.RegularExpressions;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Sse;

/// <summary>Heartbeat comments: sent while a stream is silent, and only ever between events.</summary>
public sealed partial class SseHeartbeatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task HeartbeatCommentsKeepAnIdleStreamAlive()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sse:HeartbeatInterval"] = "00:00:00.05",
            ["Generation:OfflineWordsPerSecond"] = "4",
        });
        using var response = await server.PostAsync("/api/v2/ai/chat/stream", new { message = "Hello" }, anonId: "anon-beat-001");
        using var cancellation = new CancellationTokenSource(Timeout);

        var sawHeartbeat = false;
        await foreach (var received in SseReader.ReadAsync(response, cancellation.Token))
        {
            if (received.Comment == "heartbeat")
            {
                sawHeartbeat = true;
                break;
            }
        }

        Assert.True(sawHeartbeat);
    }

    [Fact]
    public async Task HeartbeatGoesOutWhileTheUpstreamIsSlowToSendTheNextToken()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.Words = ["First", " second"];
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(600);
        var settings = upstream.UpstreamModelSettings();
        settings["Sse:HeartbeatInterval"] = "00:00:00.05";
        await using var server = await ChatwireServer.StartAsync(settings);

        using var response = await server.GetStreamAsync("/api/v1/chat/stream?message=Hi&model=upstream-model", anonId: "anon-beat-002");
        var received = new List<SseEvent>();
        using var cancellation = new CancellationTokenSource(Timeout);
        await foreach (var item in SseReader.ReadAsync(response, cancellation.Token))
        {
            received.Add(item);
        }

        var first = received.FindIndex(e => e.Comment is null && e.Data.Contains("\"First\"", StringComparison.Ordinal));
        var second = received.FindIndex(e => e.Comment is null && e.Data.Contains("\" second\"", StringComparison.Ordinal));
        Assert.InRange(first, 0, second - 2);
        Assert.All(received[(first + 1)..second], e => Assert.Equal("heartbeat", e.Comment));
    }

    [Fact]
    public async Task HeartbeatsNeverSplitAnEvent()
    {
        // A heartbeat due every millisecond while tokens arrive every ten or so: most ticks land while
        // the stream is waiting for the upstream, and now and then one while an event is being written.
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.Words = [.. Enumerable.Range(0, 60).Select(i => $" word{i}")];
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(10);
        var settings = upstream.UpstreamModelSettings();
        settings["Sse:HeartbeatInterval"] = "00:00:00.001";
        await using var server = await ChatwireServer.StartAsync(settings);

        using var response = await server.GetStreamAsync("/api/v1/chat/stream?message=Hi&model=upstream-model&chat_id=beat-chat-3", anonId: "anon-beat-003");
        var body = await response.Content.ReadAsStringAsync();

        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        var blocks = body[..^2].Split("\n\n");
        var events = blocks.Where(b => b != ": heartbeat").ToList();
        Assert.True(events.Count < blocks.Length, "some heartbeats went out");
        var prefix = EventId().Match(events[0]).Groups[1].Value;
        string[] expected =
        [
            .. upstream.Words.Select((word, i) => $"id: {prefix}:{i}\ndata: {{\"content\":\"{word}\",\"chat_id\":\"beat-chat-3\"}}"),
            $"id: {prefix}:{upstream.Words.Count}\ndata: [DONE]",
        ];
        Assert.Equal(expected, events);
    }

    [GeneratedRegex("^id: (.+):\\d+$", RegexOptions.Multiline)]
    private static partial Regex EventId();
}
