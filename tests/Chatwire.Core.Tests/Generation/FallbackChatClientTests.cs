using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatwire.Core.Tests.Generation;

/// <summary>The fallback chain over Chatwire's own providers and foreign <see cref="IChatClient"/>s, on both of its faces.</summary>
public sealed class FallbackChatClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is the meaning of life?")];

    private static readonly ChatResponseUpdate[] ForeignAnswer =
    [
        new(ChatRole.Assistant, ""),
        new(ChatRole.Assistant, "Forty"),
        new(ChatRole.Assistant, "-two."),
        new(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3 })])
        {
            AdditionalProperties = new() { [Grounding.SourcesKey] = new[] { "guide.md" } },
        },
    ];

    private static FallbackChatClient Chain(params IChatClient[] providers) =>
        new(providers, NullLogger<FallbackChatClient>.Instance);

    [Fact]
    public async Task ForeignProviderThatFailsBeforeItsFirstUpdateIsReplacedByTheNext()
    {
        var failing = ForeignChatClient.FailingBeforeItsFirstUpdate();
        var backup = new ForeignChatClient(ForeignAnswer);

        var pieces = await TextOf(Chain(failing, backup));

        Assert.Equal("Forty-two.", string.Concat(pieces.Select(p => p.Text)));
        Assert.Equal((1, 1), (failing.Calls, backup.Calls));
    }

    [Fact]
    public async Task ForeignProviderThatFailsIsReplacedByChatwiresOwnTextStream()
    {
        var offline = new OfflineResponder(new OfflineResponderOptions { WordsPerSecond = 0 });

        var pieces = await TextOf(Chain(ForeignChatClient.FailingBeforeItsFirstUpdate(), offline));

        var answer = (await offline.GetResponseAsync(Question).WaitAsync(Timeout)).Text;
        Assert.Equal(answer, string.Concat(pieces.Select(p => p.Text)));
        Assert.NotNull(pieces[^1].Usage);
    }

    [Fact]
    public async Task ForeignProviderThatWorksStreamsItsTextUsageAndSources()
    {
        var pieces = await TextOf(Chain(new ForeignChatClient(ForeignAnswer)));

        // The empty opening update carries nothing, so it is no piece.
        Assert.Equal(["Forty", "-two.", ""], pieces.Select(p => p.Text));
        Assert.Equal((7L, 3L), (pieces[^1].Usage?.InputTokenCount, pieces[^1].Usage?.OutputTokenCount));
        Assert.Equal(["guide.md"], pieces[^1].Sources);
        Assert.All(pieces.SkipLast(1), p => Assert.Null(p.Usage ?? (object?)p.Sources));
    }

    [Fact]
    public async Task FailureAfterTheFirstTextIsTheCallersAndNoOtherProviderIsAsked()
    {
        var failing = new ForeignChatClient(ForeignAnswer) { Failure = (2, new HttpRequestException("lost mid-answer")) };
        var backup = new ForeignChatClient(ForeignAnswer);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var piece in Chain(failing, backup).GetStreamingTextAsync(Question).WithCancellation(new CancellationTokenSource(Timeout).Token))
            {
                received.Add(piece.Text);
            }
        });

        Assert.Equal("lost mid-answer", error.Message);
        Assert.Equal(["Forty"], received);
        Assert.Equal(0, backup.Calls);
    }

    [Fact]
    public async Task LastProvidersFailureReachesTheCaller()
    {
        var chain = Chain(ForeignChatClient.FailingBeforeItsFirstUpdate(), new ForeignChatClient { Failure = (0, new InvalidOperationException("the last one too")) });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TextOf(chain));

        Assert.Equal("the last one too", error.Message);
    }

    [Fact]
    public async Task CancelledCallerIsNotHandedToTheNextProvider()
    {
        var hanging = new ForeignChatClient(ForeignAnswer) { Hangs = true };
        var backup = new ForeignChatClient(ForeignAnswer);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var piece in Chain(hanging, backup).GetStreamingTextAsync(Question, cancellationToken: cancellation.Token))
            {
            }
        }).WaitAsync(Timeout);

        Assert.Equal(0, backup.Calls);
    }

    [Fact]
    public async Task UpdatesOfAForeignProviderPassThroughAsTheyAre()
    {
        var backup = new ForeignChatClient(ForeignAnswer);
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in Chain(ForeignChatClient.FailingBeforeItsFirstUpdate(), backup).GetStreamingResponseAsync(Question).WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            updates.Add(update);
        }

        Assert.Equal(ForeignAnswer.Length, updates.Count);
        Assert.All(updates.Zip(ForeignAnswer), pair => Assert.Same(pair.Second, pair.First));
    }

    [Fact]
    public void DisposingTheChainDisposesForeignProviders()
    {
        var foreign = new ForeignChatClient(ForeignAnswer);

        Chain(foreign).Dispose();

        Assert.True(foreign.Disposed);
    }

    private static async Task<List<GeneratedText>> TextOf(FallbackChatClient client)
    {
        var pieces = new List<GeneratedText>();
        await foreach (var piece in client.GetStreamingTextAsync(Question).WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            pieces.Add(piece);
        }

        return pieces;
    }
}
