using Chatwire.Core.Conversations;
using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Chatwire.Core.Tests.Generation;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Tests.Engine;

/// <summary>
/// The engine over a third party's <see cref="IChatClient"/>, which is no text stream of Chatwire's:
/// its updates reach the client as deltas, its usage and sources as the answer's.
/// </summary>
public sealed class ForeignProviderTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly ChatResponseUpdate[] ForeignAnswer =
    [
        new(ChatRole.Assistant, "Forty"),
        new(ChatRole.Assistant, "-two."),
        new(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3 })])
        {
            AdditionalProperties = new() { [Grounding.SourcesKey] = new[] { "guide.md" } },
        },
    ];

    private ChatwireServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
    {
        ["Generation:Models:1:Name"] = "foreign-model",
        ["Generation:Models:1:Provider"] = "foreign",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The server's engine and store, with <paramref name="foreign"/> as the provider "foreign".</summary>
    private ChatEngine EngineWith(IChatClient foreign, params string[] fallback)
    {
        var providers = new ChatProviders(
            new Dictionary<string, IChatClient> { ["offline"] = new OfflineResponder(new OfflineResponderOptions { WordsPerSecond = 0 }), ["foreign"] = foreign },
            Options.Create(new GenerationOptions { Fallback = [.. fallback] }),
            NullLogger<FallbackChatClient>.Instance);
        return ActivatorUtilities.CreateInstance<ChatEngine>(_server.Services, providers);
    }

    private static TurnRequest Ask(string anonId) => new()
    {
        Identity = ChatIdentity.Anonymous(anonId),
        Message = "What is the engine power?",
        Model = "foreign-model",
        BrandId = "meridian",
        Wire = "test",
    };

    [Fact]
    public async Task ForeignProviderAnswersThroughTheEngineWithItsUsageAndSources()
    {
        var events = await CollectAsync(EngineWith(new ForeignChatClient(ForeignAnswer)).RunAsync(Ask("foreign-works-01")));

        Assert.Equal(["Forty", "-two."], events.OfType<TurnDelta>().Select(d => d.Text));
        var completed = Assert.IsType<TurnCompleted>(events.Single(e => e is TurnCompleted or TurnFailed));
        Assert.Equal("Forty-two.", completed.Result.Text);
        Assert.Equal(new TokenUsage(7, 3), completed.Result.Usage);
        Assert.Equal(["guide.md"], completed.Result.Sources);
    }

    [Fact]
    public async Task ForeignProviderFailingBeforeItsFirstUpdateIsReplacedByTheOfflineResponder()
    {
        var failing = ForeignChatClient.FailingBeforeItsFirstUpdate();

        var events = await CollectAsync(EngineWith(failing, "offline").RunAsync(Ask("foreign-fails-01")));

        var completed = Assert.IsType<TurnCompleted>(events.Single(e => e is TurnCompleted or TurnFailed));
        Assert.Equal(1, failing.Calls);
        Assert.Equal(completed.Result.Text, string.Concat(events.OfType<TurnDelta>().Select(d => d.Text)));
        Assert.Contains("spec-sheet.md", completed.Result.Sources);
    }

    [Fact]
    public async Task ForeignProviderFailingMidAnswerEndsTheTurnAsAnErrorKeepingWhatCameBefore()
    {
        var failing = new ForeignChatClient(ForeignAnswer) { Failure = (1, new HttpRequestException("lost mid-answer")) };

        var events = await CollectAsync(EngineWith(failing, "offline").RunAsync(Ask("foreign-midway-01")));

        Assert.Equal(ErrorCodes.ProcessingError, Assert.IsType<TurnFailed>(events.Single(e => e is TurnCompleted or TurnFailed)).Code);
        var stored = await _server.Services.GetRequiredService<IChatStore>().FindMessageAsync(events.OfType<TurnStarted>().Single().AssistantMessageId, CancellationToken.None);
        Assert.Equal((MessageStatus.Error, "Forty"), (stored!.Status, stored.Content));
    }

    private static Task<List<ChatEvent>> CollectAsync(IAsyncEnumerable<ChatEvent> events) => EngineRuns.CollectAsync(events, Timeout);
}
