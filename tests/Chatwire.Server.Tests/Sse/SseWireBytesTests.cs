using System.Text.RegularExpressions;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Sse;

/// <summary>
/// The exact bytes each SSE dialect sends for the pieces of an answer, read raw off the socket:
/// ids, event names, data lines and JSON escaping, whatever builds them.
/// </summary>
public sealed partial class SseWireBytesTests : IAsyncLifetime
{
    // Each piece the fake upstream streams, and how it reads in a JSON string on the wire: only what
    // JSON requires is escaped (quotes, backslashes, control characters); HTML characters and
    // non-Latin letters stay as they are; a character outside the BMP is escaped as a surrogate pair.
    private static readonly (string Piece, string Json)[] Pieces =
    [
        ("Hello", "Hello"),
        (" \"quoted\"", " \\\"quoted\\\""),
        (" دنیا", " دنیا"),
        (" <b>&amp;", " <b>&amp;"),
        (" two\nlines", " two\\nlines"),
        (" back\\slash", " back\\\\slash"),
        (" smile 🙂", " smile \\uD83D\\uDE42"),
    ];

    private FakeOpenAiServer _upstream = null!;
    private ChatwireServer _server = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAiServer.StartAsync();
        _upstream.Words = [.. Pieces.Select(p => p.Piece)];
        _server = await ChatwireServer.StartAsync(_upstream.UpstreamModelSettings());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task ChatStreamSendsEachPieceAsAnIdAndOneDataLineThenDone()
    {
        using var response = await _server.GetStreamAsync("/api/v1/chat/stream?message=Hi&model=upstream-model&chat_id=wire-chat-1", anonId: "anon-wire-0001");

        var blocks = Blocks(await response.Content.ReadAsStringAsync());

        var prefix = IdPrefix(blocks[0]);
        string[] expected =
        [
            .. Pieces.Select((p, i) => $"id: {prefix}:{i}\ndata: {{\"content\":\"{p.Json}\",\"chat_id\":\"wire-chat-1\"}}"),
            $"id: {prefix}:{Pieces.Length}\ndata: [DONE]",
        ];
        Assert.Equal(expected, blocks);
    }

    [Fact]
    public async Task SessionStreamSendsEachPieceWithItsSessionIdThenDoneTrue()
    {
        using var response = await _server.PostAsync("/api/v2/ai/chat/stream", new { message = "Hi", sessionId = "wire-session-1", model = "upstream-model" }, anonId: "anon-wire-0002");

        var blocks = Blocks(await response.Content.ReadAsStringAsync());

        var prefix = IdPrefix(blocks[0]);
        string[] expected = [.. Pieces.Select((p, i) => $"id: {prefix}:{i}\ndata: {{\"content\":\"{p.Json}\",\"sessionId\":\"wire-session-1\"}}")];
        Assert.Equal(expected, blocks[..^1]);
        Assert.Matches($"^id: {Regex.Escape(prefix)}:{Pieces.Length}\ndata: {{\"done\":true,\"sessionId\":\"wire-session-1\",\"messageId\":\"[^\"]+\"}}$", blocks[^1]);
    }

    [Fact]
    public async Task MessagesSendsEachPieceAsANamedDeltaEventWithItsMessageId()
    {
        using var response = await _server.PostAsync("/api/v1/messages/send", new { content = "Hi", model = "upstream-model" }, anonId: "anon-wire-0003");

        var blocks = Blocks(await response.Content.ReadAsStringAsync());

        var prefix = IdPrefix(blocks[0]);
        var messageId = MessageId().Match(blocks[0]).Groups[1].Value;
        Assert.StartsWith($"event: assistant_typing\nid: {prefix}:0\ndata: {{\"chat_id\":", blocks[0], StringComparison.Ordinal);
        string[] expected = [.. Pieces.Select((p, i) => $"event: assistant_delta\nid: {prefix}:{i + 1}\ndata: {{\"delta\":\"{p.Json}\",\"message_id\":\"{messageId}\"}}")];
        Assert.Equal(expected, blocks[1..^2]);
        Assert.StartsWith($"event: assistant_complete\nid: {prefix}:{Pieces.Length + 1}\n", blocks[^2], StringComparison.Ordinal);
        Assert.StartsWith($"event: usage_info\nid: {prefix}:{Pieces.Length + 2}\n", blocks[^1], StringComparison.Ordinal);
    }

    /// <summary>The body cut at the blank lines that end events and comments.</summary>
    private static string[] Blocks(string body)
    {
        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        return body[..^2].Split("\n\n");
    }

    /// <summary>The stream id an event's <c>id: {prefix}:{n}</c> starts with.</summary>
    private static string IdPrefix(string block) => EventId().Match(block).Groups[1].Value;

    [GeneratedRegex("^id: (.+):\\d+$", RegexOptions.Multiline)]
    private static partial Regex EventId();

    [GeneratedRegex("\"message_id\":\"([^\"]+)\"")]
    private static partial Regex MessageId();
}
