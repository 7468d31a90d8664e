using System.Text;
using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Tests.Generation.Offline;

public sealed class OfflineResponderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly OfflineResponder _responder = new(new OfflineResponderOptions { WordsPerSecond = 0 });

    private static ChatOptions OptionsFor(Grounding grounding) =>
        new() { AdditionalProperties = new() { [Grounding.OptionsKey] = grounding } };

    private static ChatMessage[] Conversation(string question) =>
    [
        new(ChatRole.System, "You are the Meridian Motors technical specialist."),
        new(ChatRole.User, "Hello"),
        new(ChatRole.Assistant, "Hi! How can I help?"),
        new(ChatRole.User, question),
    ];

    [Fact]
    public async Task StreamedWordsConcatenateToTheComposedAnswer()
    {
        const string question = "What is the engine power?";
        var grounding = OfflineAnswers.Meridian(question);
        var expected = GroundedAnswerComposer.Compose(grounding, question);

        var text = new StringBuilder();
        var updates = 0;
        await foreach (var update in _responder.GetStreamingResponseAsync(Conversation(question), OptionsFor(grounding)).WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            text.Append(update.Text);
            updates++;
        }

        Assert.Equal(expected, text.ToString());
        Assert.True(updates > 10);
    }

    [Fact]
    public async Task EachUpdateIsOneWordWithItsLeadingSpace()
    {
        const string question = "What is the engine power?";
        var updates = await Collect(question, OfflineAnswers.Meridian(question));

        var texts = updates.Select(u => u.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal("The", texts[0]);
        Assert.All(texts.Skip(1), t => Assert.Matches(@"^\s+\S+$", t));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
    }

    [Fact]
    public async Task FinalUpdateCarriesEstimatedUsage()
    {
        const string question = "What is the engine power?";
        var updates = await Collect(question, OfflineAnswers.Meridian(question));

        var last = updates[^1];
        var usage = Assert.IsType<UsageContent>(Assert.Single(last.Contents)).Details;
        Assert.Equal(string.Empty, last.Text);
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        var answerWords = string.Concat(updates.Select(u => u.Text)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(((answerWords * 4) + 2) / 3, usage.OutputTokenCount);
        Assert.Equal(((18 * 4) + 2) / 3, usage.InputTokenCount); // 7 + 1 + 5 + 5 words in the conversation
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task TextStreamAndUpdatesCarryTheSameAnswerUsageAndSources()
    {
        const string question = "What is the engine power?";
        var grounding = OfflineAnswers.Meridian(question);
        GroundedAnswerComposer.Compose(grounding, question, out var drawnOn);

        var pieces = await CollectText(question, grounding);
        var updates = await Collect(question, grounding);

        Assert.Equal(string.Concat(updates.Select(u => u.Text)), string.Concat(pieces.Select(p => p.Text)));
        Assert.Equal(updates.Count(u => u.Text.Length > 0), pieces.Count(p => p.Text.Length > 0));
        var last = pieces[^1];
        Assert.Equal("", last.Text);
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal((usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount), (last.Usage?.InputTokenCount, last.Usage?.OutputTokenCount, last.Usage?.TotalTokenCount));
        Assert.NotEmpty(drawnOn);
        Assert.Equal(drawnOn, last.Sources);
        Assert.Equal(drawnOn, updates[^1].AdditionalProperties?[Grounding.SourcesKey]);
        Assert.All(pieces.SkipLast(1), p => Assert.Null(p.Usage ?? (object?)p.Sources));
    }

    [Fact]
    public async Task StreamingTextAllocatesNothingPerWordButTheWordItself()
    {
        const string question = "What is the engine power?";
        var grounding = OfflineAnswers.Meridian(question);
        var messages = Conversation(question);
        var options = OptionsFor(grounding);

        // At no pace every word is ready at once, so the whole stream runs on this thread.
        var thread = Environment.CurrentManagedThreadId;
        await using var pieces = _responder.GetStreamingTextAsync(messages, options).GetAsyncEnumerator();
        Assert.True(await pieces.MoveNextAsync());
        var words = 0;
        long wordBytes = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (await pieces.MoveNextAsync() && pieces.Current.Usage is null)
        {
            words++;
            wordBytes += StringBytes(pieces.Current.Text);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(thread, Environment.CurrentManagedThreadId);

        // Beyond the words' strings only the last piece's usage is left (about 200 bytes for the
        // whole answer), where an update with its content, list and array cost 270 bytes a word.
        Assert.True(words > 20, $"only {words} words");
        Assert.InRange(allocated - wordBytes, 0, 1_024);
    }

    [Fact]
    public async Task GetResponseAggregatesTheStream()
    {
        const string question = "Berapa tenaga mesin Vela?";
        var grounding = OfflineAnswers.Meridian(question);

        var response = await _responder.GetResponseAsync(Conversation(question), OptionsFor(grounding)).WaitAsync(Timeout);

        Assert.Equal(GroundedAnswerComposer.Compose(grounding, question), response.Text);
        Assert.NotNull(response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task CancellationStopsTheStream()
    {
        using var cts = new CancellationTokenSource();
        const string question = "What is the engine power?";
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _responder.GetStreamingResponseAsync(Conversation(question), OptionsFor(OfflineAnswers.Meridian(question)), cts.Token))
            {
                if (++received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        }).WaitAsync(Timeout);

        Assert.Equal(3, received);
    }

    [Fact]
    public async Task PacedStreamingIsCancelledBetweenWords()
    {
        using var paced = new OfflineResponder(new OfflineResponderOptions { WordsPerSecond = 2 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        const string question = "What is the engine power?";
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in paced.GetStreamingResponseAsync(Conversation(question), OptionsFor(OfflineAnswers.Meridian(question)), cts.Token))
            {
                received++;
            }
        }).WaitAsync(Timeout);

        Assert.InRange(received, 1, 3);
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(500)]
    public async Task FastPacesStillStreamTheWholeAnswer(double wordsPerSecond)
    {
        using var fast = new OfflineResponder(new OfflineResponderOptions { WordsPerSecond = wordsPerSecond });
        const string question = "What is the engine power?";
        var grounding = OfflineAnswers.Meridian(question);

        var response = await fast.GetResponseAsync(Conversation(question), OptionsFor(grounding)).WaitAsync(Timeout);

        Assert.Equal(GroundedAnswerComposer.Compose(grounding, question), response.Text);
    }

    [Fact]
    public async Task WithoutGroundingItAnswersPolitely()
    {
        var response = await _responder.GetResponseAsync([new ChatMessage(ChatRole.User, "What is the meaning of life?")]).WaitAsync(Timeout);

        Assert.StartsWith("I can only answer questions about this brand", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GetServiceReturnsOnlyItselfAndItsMetadata()
    {
        Assert.Same(_responder, _responder.GetService(typeof(OfflineResponder)));
        Assert.Same(_responder, _responder.GetService(typeof(IChatClient)));
        Assert.Equal(OfflineResponder.ProviderName, Assert.IsType<ChatClientMetadata>(_responder.GetService(typeof(ChatClientMetadata))).ProviderName);
        Assert.Null(_responder.GetService(typeof(string)));
        Assert.Null(_responder.GetService(typeof(OfflineResponder), "keyed"));
    }

    /// <summary>A string's size on the heap in a 64-bit process: header, method table, length, the characters and their terminator.</summary>
    private static long StringBytes(string text) => (8 + 8 + 4 + (2 * (text.Length + 1)) + 7) & ~7L;

    private async Task<List<GeneratedText>> CollectText(string question, Grounding grounding)
    {
        var pieces = new List<GeneratedText>();
        await foreach (var piece in _responder.GetStreamingTextAsync(Conversation(question), OptionsFor(grounding)).WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            pieces.Add(piece);
        }

        return pieces;
    }

    private async Task<List<ChatResponseUpdate>> Collect(string question, Grounding grounding)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _responder.GetStreamingResponseAsync(Conversation(question), OptionsFor(grounding)).WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            updates.Add(update);
        }

        return updates;
    }
}
