using Chatwire.Core.Generation;
using Chatwire.Core.Generation.OpenAiCompatible;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.AI;

namespace Chatwire.Server.Tests.Generation;

/// <summary>The OpenAI-compatible provider's two faces, over a fake upstream: the engine's text stream and the <see cref="IChatClient"/> updates.</summary>
public sealed class OpenAiCompatibleChatClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is the engine power?")];
    private FakeOpenAiServer _upstream = null!;
    private OpenAiCompatibleChatClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAiServer.StartAsync();
        _upstream.Words = ["The", " engine", " makes", " 150", " kW."];
        _client = new OpenAiCompatibleChatClient(new OpenAiProviderOptions { BaseUrl = _upstream.BaseUrl }, "fake-model");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task TextStreamYieldsEachChunkThenTheReportedUsage()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var pieces = new List<GeneratedText>();
        await foreach (var piece in _client.GetStreamingTextAsync(Question, cancellationToken: timeout.Token))
        {
            pieces.Add(piece);
        }

        Assert.Equal([.. _upstream.Words, ""], pieces.Select(p => p.Text));
        var usage = pieces[^1].Usage;
        Assert.Equal((42L, 5L, 47L), (usage?.InputTokenCount, usage?.OutputTokenCount, usage?.TotalTokenCount));
        Assert.All(pieces.SkipLast(1), p => Assert.Null(p.Usage));
        Assert.All(pieces, p => Assert.Null(p.Sources));
    }

    [Fact]
    public async Task UpdatesCarryTheSameTextAndUsageAsTheTextStream()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync(Question, new ChatOptions { ModelId = "asked-model" }, timeout.Token))
        {
            updates.Add(update);
        }

        Assert.Equal(_upstream.Words, updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal((42L, 5L, 47L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
        Assert.All(updates, u => Assert.Equal((ChatRole.Assistant, "asked-model"), (u.Role, u.ModelId)));
        Assert.Single(updates.Select(u => u.MessageId).Distinct());
        Assert.Equal("asked-model", _upstream.Requests.Last().RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetResponseJoinsTheUpdatesIntoOneAnswerWithItsUsage()
    {
        var response = await _client.GetResponseAsync(Question).WaitAsync(Timeout);

        Assert.Equal("The engine makes 150 kW.", response.Text);
        Assert.Single(response.Messages);
        Assert.Equal((42L, 5L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
        Assert.Equal("fake-model", _upstream.Requests.Last().RootElement.GetProperty("model").GetString());
    }
}
