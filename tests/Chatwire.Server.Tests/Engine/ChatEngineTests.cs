using Chatwire.Core.Conversations;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Engine;

/// <summary>The engine with its real parts: the offline responder, the SQLite store, a fake upstream over HTTP.</summary>
public sealed class ChatEngineTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private FakeOpenAiServer _upstream = null!;
    private FakeOpenAiServer _backup = null!;
    private ChatwireServer _server = null!;

    private ChatEngine Engine => _server.Services.GetRequiredService<ChatEngine>();
    private IChatStore Store => _server.Services.GetRequiredService<IChatStore>();

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAiServer.StartAsync();
        _backup = await FakeOpenAiServer.StartAsync();
        _backup.Words = ["Backup", " answer."];
        _server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Generation:Providers:upstream:BaseUrl"] = _upstream.BaseUrl,
            ["Generation:Providers:upstream:ApiKey"] = "sk-test-key",
            ["Generation:Providers:backup:BaseUrl"] = _backup.BaseUrl,
            ["Generation:Models:1:Name"] = "upstream-model",
            ["Generation:Models:1:Provider"] = "upstream",
            ["Generation:Models:2:Name"] = "upstream-then-backup",
            ["Generation:Models:2:Provider"] = "upstream",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
        await _backup.DisposeAsync();
    }

    private static TurnRequest Ask(string message, string? model = null, string? conversationId = null, string anonId = "engine-test-01") => new()
    {
        Identity = ChatIdentity.Anonymous(anonId),
        Message = message,
        Model = model,
        ConversationId = conversationId,
        BrandId = "meridian",
        Wire = "test",
    };

    [Fact]
    public async Task EventsArriveInPipelineOrderWithContiguousSequenceNumbers()
    {
        var events = await CollectAsync(Engine.RunAsync(Ask("What is the engine power?")));

        Assert.IsType<TurnStarted>(events[0]);
        var steps = events.OfType<TurnProgress>().Select(p => p.Step).ToList();
        Assert.Equal([ProgressSteps.Starting, ProgressSteps.AgentRouting, ProgressSteps.RagRetrieval, ProgressSteps.Generating], steps);
        var completed = Assert.IsType<TurnCompleted>(events.Single(e => e is TurnCompleted or TurnFailed));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(events[0].StreamId, e.StreamId));
        var deltas = events.OfType<TurnDelta>().ToList();
        Assert.True(deltas.Count > 3, "the answer streams in several pieces");
        Assert.True(events.IndexOf(deltas[0]) > events.IndexOf(events.OfType<TurnProgress>().Last()));
        Assert.Equal(completed.Result.Text, string.Concat(deltas.Select(d => d.Text)));

        var stored = await Store.FindMessageAsync(completed.Result.AssistantMessageId, CancellationToken.None);
        Assert.Equal(MessageStatus.Complete, stored!.Status);
        Assert.Equal(completed.Result.Text, stored.Content);
        Assert.Equal("specs", stored.Agent);
    }

    [Fact]
    public async Task ConversationHistoryGoesToTheProvider()
    {
        var first = await CollectAsync(Engine.RunAsync(Ask("Remember the word pineapple.", model: "upstream-model")));
        var conversationId = first.OfType<TurnStarted>().Single().ConversationId;

        await CollectAsync(Engine.RunAsync(Ask("What word did I say?", model: "upstream-model", conversationId: conversationId)));

        var second = _upstream.Requests.Last().RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("system", second[0].GetProperty("role").GetString());
        Assert.Contains(second, m => m.GetProperty("role").GetString() == "user" && m.GetProperty("content").GetString() == "Remember the word pineapple.");
        Assert.Contains(second, m => m.GetProperty("role").GetString() == "assistant" && m.GetProperty("content").GetString() == "Hello from the upstream model.");
        Assert.Equal("What word did I say?", second[^1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task UpstreamRequestIsWhatAnOpenAiServerExpects()
    {
        var request = Ask("What is the engine power?", model: "upstream-model") with { Temperature = 0.25 };
        Assert.Contains(await CollectAsync(Engine.RunAsync(request)), e => e is TurnCompleted);

        var body = _upstream.Requests.Last().RootElement;
        Assert.Equal("upstream-model", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), precision: 5);
        Assert.Equal("Bearer sk-test-key", _upstream.Authorizations.Last());
    }

    [Fact]
    public async Task UpstreamAnswerStreamsWithItsReportedUsage()
    {
        var events = await CollectAsync(Engine.RunAsync(Ask("What is the engine power?", model: "upstream-model")));

        var completed = events.OfType<TurnCompleted>().Single();
        Assert.Equal("Hello from the upstream model.", completed.Result.Text);
        Assert.Equal(new TokenUsage(42, 5), completed.Result.Usage);
        var prompt = _upstream.Requests.Last().RootElement.GetProperty("messages")[0].GetProperty("content").GetString();
        Assert.Contains("spec-sheet.md", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingMidAnswerStoresThePartialTextAsCancelledAndStopsTheUpstream()
    {
        _upstream.Words = Enumerable.Range(0, 200).Select(i => $" word{i}").ToList();
        _upstream.ChunkDelay = TimeSpan.FromMilliseconds(20);
        using var cancellation = new CancellationTokenSource();
        var events = new List<ChatEvent>();

        await foreach (var chatEvent in Engine.RunAsync(Ask("Tell me everything", model: "upstream-model"), cancellation.Token).WithCancellation(CancellationToken.None))
        {
            events.Add(chatEvent);
            if (events.OfType<TurnDelta>().Count() == 3)
            {
                await cancellation.CancelAsync();
            }
        }

        var failed = Assert.IsType<TurnFailed>(events.Last(e => e is not UsageChanged));
        Assert.Equal(ErrorCodes.Cancelled, failed.Code);
        await _upstream.ClientAborted.Task.WaitAsync(Timeout);
        Assert.True(_upstream.ChunksWritten < 200, "the upstream stopped generating");
        var partial = string.Concat(events.OfType<TurnDelta>().Select(d => d.Text));
        var stored = await Store.FindMessageAsync(events.OfType<TurnStarted>().Single().AssistantMessageId, CancellationToken.None);
        Assert.Equal(MessageStatus.Cancelled, stored!.Status);
        Assert.Equal(partial, stored.Content);
    }

    [Fact]
    public async Task ConsumerThatStopsReadingLeavesACancelledMessage()
    {
        string? assistantId = null;
        await foreach (var chatEvent in Engine.RunAsync(Ask("What is the engine power?")))
        {
            if (chatEvent is TurnStarted started)
            {
                assistantId = started.AssistantMessageId;
            }

            if (chatEvent is TurnDelta)
            {
                break;
            }
        }

        var stored = await Store.FindMessageAsync(assistantId!, CancellationToken.None);
        Assert.Equal(MessageStatus.Cancelled, stored!.Status);
        Assert.False(string.IsNullOrEmpty(stored.Content));
    }

    [Fact]
    public async Task UpstreamFailureEndsInProcessingErrorWithoutLeakingDetails()
    {
        _upstream.FailBeforeStreaming = true;

        var events = await CollectAsync(Engine.RunAsync(Ask("What is the engine power?", model: "upstream-model")));

        var failed = Assert.IsType<TurnFailed>(events.Last(e => e is not UsageChanged));
        Assert.Equal(ErrorCodes.ProcessingError, failed.Code);
        Assert.DoesNotContain("secret", failed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(events, e => e is TurnCompleted or TurnFailed);
        var stored = await Store.FindMessageAsync(events.OfType<TurnStarted>().Single().AssistantMessageId, CancellationToken.None);
        Assert.Equal(MessageStatus.Error, stored!.Status);
    }

    [Fact]
    public async Task ErrorSentInsideTheStreamEndsTheAnswerAsAnErrorKeepingWhatCameBefore()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.ErrorAfterFirstWord = "model overloaded: secret-internal-detail";
        await using var server = await ChatwireServer.StartAsync(upstream.UpstreamModelSettings());
        var engine = server.Services.GetRequiredService<ChatEngine>();

        var events = await CollectAsync(engine.RunAsync(Ask("What is the engine power?", model: "upstream-model", anonId: "engine-midstream-01")));

        var failed = Assert.IsType<TurnFailed>(events.Single(e => e is TurnCompleted or TurnFailed));
        Assert.Equal(ErrorCodes.ProcessingError, failed.Code);
        Assert.DoesNotContain("secret", failed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Hello", Assert.Single(events.OfType<TurnDelta>()).Text);
        var store = server.Services.GetRequiredService<IChatStore>();
        var stored = await store.FindMessageAsync(events.OfType<TurnStarted>().Single().AssistantMessageId, CancellationToken.None);
        Assert.Equal((MessageStatus.Error, "Hello"), (stored!.Status, stored.Content));
    }

    [Theory]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":")]
    [InlineData("not json at all")]
    [InlineData("{\"choices\":\"not a list\"}")]
    public async Task MalformedChunkEndsTheAnswerAsAnErrorAndTheNextAnswerStreams(string chunk)
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.DataAfterFirstWord = chunk;
        await using var server = await ChatwireServer.StartAsync(upstream.UpstreamModelSettings());
        var engine = server.Services.GetRequiredService<ChatEngine>();

        var events = await CollectAsync(engine.RunAsync(Ask("What is the engine power?", model: "upstream-model", anonId: "engine-malformed-01")));

        var failed = Assert.IsType<TurnFailed>(events.Single(e => e is TurnCompleted or TurnFailed));
        Assert.Equal(ErrorCodes.ProcessingError, failed.Code);
        var store = server.Services.GetRequiredService<IChatStore>();
        var stored = await store.FindMessageAsync(events.OfType<TurnStarted>().Single().AssistantMessageId, CancellationToken.None);
        Assert.Equal((MessageStatus.Error, "Hello"), (stored!.Status, stored.Content));

        upstream.DataAfterFirstWord = null;
        var next = await CollectAsync(engine.RunAsync(Ask("And the torque?", model: "upstream-model", anonId: "engine-malformed-01")));
        Assert.Equal("Hello from the upstream model.", Assert.Single(next.OfType<TurnCompleted>()).Result.Text);
    }

    [Fact]
    public async Task UpstreamThatFallsSilentMidAnswerIsGivenUpAfterItsTimeoutKeepingWhatCameBefore()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.Words = ["First", " never"];
        upstream.ChunkDelay = TimeSpan.FromSeconds(30);
        var settings = upstream.UpstreamModelSettings();
        settings["Generation:Providers:upstream:Timeout"] = "00:00:01";
        await using var server = await ChatwireServer.StartAsync(settings);
        var engine = server.Services.GetRequiredService<ChatEngine>();

        var events = await CollectAsync(engine.RunAsync(Ask("What is the engine power?", model: "upstream-model", anonId: "engine-silent-01"))).WaitAsync(Timeout);

        Assert.Equal(ErrorCodes.ProcessingError, Assert.IsType<TurnFailed>(events.Single(e => e is TurnCompleted or TurnFailed)).Code);
        Assert.Equal("First", Assert.Single(events.OfType<TurnDelta>()).Text);
        await upstream.ClientAborted.Task.WaitAsync(Timeout);
        var stored = await server.Services.GetRequiredService<IChatStore>().FindMessageAsync(events.OfType<TurnStarted>().Single().AssistantMessageId, CancellationToken.None);
        Assert.Equal((MessageStatus.Error, "First"), (stored!.Status, stored.Content));
    }

    [Fact]
    public async Task UpstreamTimeoutCountsSilenceNotTheLengthOfTheAnswer()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        var settings = upstream.UpstreamModelSettings();
        settings["Generation:Providers:upstream:Timeout"] = "00:00:02";
        await using var server = await ChatwireServer.StartAsync(settings);
        var engine = server.Services.GetRequiredService<ChatEngine>();
        // A first answer warms the connection and the code path, so a cold start on a busy machine
        // is not mistaken for the upstream's silence.
        Assert.Contains(await CollectAsync(engine.RunAsync(Ask("Hello", model: "upstream-model", anonId: "engine-slow-01"))), e => e is TurnCompleted);

        // Ten chunks 400 ms apart: four seconds in all, twice the timeout, never two seconds of silence.
        upstream.Words = [.. Enumerable.Range(0, 10).Select(i => $" word{i}")];
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(400);
        var events = await CollectAsync(engine.RunAsync(Ask("What is the engine power?", model: "upstream-model", anonId: "engine-slow-01")));

        var completed = Assert.IsType<TurnCompleted>(events.Single(e => e is TurnCompleted or TurnFailed));
        Assert.Equal(string.Concat(upstream.Words), completed.Result.Text);
    }

    [Fact]
    public async Task UpstreamTimeoutDoesNotCountTheTimeTheReaderTakes()
    {
        // A client slow to read holds each piece longer than the upstream's timeout. The upstream
        // was never silent, so the answer must complete, however long the reader dawdles.
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.Words = [.. Enumerable.Range(0, 4).Select(i => $" word{i}")];
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(100);
        var settings = upstream.UpstreamModelSettings();
        settings["Generation:Providers:upstream:Timeout"] = "00:00:01";
        await using var server = await ChatwireServer.StartAsync(settings);
        var engine = server.Services.GetRequiredService<ChatEngine>();

        var events = new List<ChatEvent>();
        await foreach (var e in engine.RunAsync(Ask("What is the engine power?", model: "upstream-model", anonId: "engine-dawdle-01")))
        {
            events.Add(e);
            if (e is TurnDelta)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5));
            }
        }

        var completed = Assert.IsType<TurnCompleted>(events.Single(e => e is TurnCompleted or TurnFailed));
        Assert.Equal(string.Concat(upstream.Words), completed.Result.Text);
    }

    [Fact]
    public async Task RejectedRequestYieldsOneFailureAndWritesNothing()
    {
        var events = await CollectAsync(Engine.RunAsync(Ask("   ", anonId: "engine-empty-01")));

        var failed = Assert.IsType<TurnFailed>(Assert.Single(events));
        Assert.True(failed.Rejected);
        Assert.Equal(ErrorCodes.EmptyMessage, failed.Code);
        var chats = await Store.ListConversationsAsync(ChatIdentity.Anonymous("engine-empty-01").Key, 1, 10, CancellationToken.None);
        Assert.Equal(0, chats.Total);
    }

    [Fact]
    public async Task TurnTheStoreRefusesIsRejectedAndItsUpstreamRequestIsAbandoned()
    {
        // The question is stored while the upstream request is already on its way; when the
        // store refuses it, the client must get a rejection and the upstream must not run on.
        await using var upstream = await FakeOpenAiServer.StartAsync();
        await using var server = await ChatwireServer.StartAsync(upstream.UpstreamModelSettings());
        var engine = server.Services.GetRequiredService<ChatEngine>();
        var user = ChatIdentity.User("refused-user");
        TurnRequest AskAsUser(string message) => Ask(message, model: "upstream-model") with { Identity = user };

        // A first turn opens the user's credit account, so the next one's admission only reads.
        Assert.Contains(await CollectAsync(engine.RunAsync(AskAsUser("Hello"))), e => e is TurnCompleted);
        var store = server.Services.GetRequiredService<IChatStore>();
        var before = (await store.ListConversationsAsync(user.Key, 1, 10, CancellationToken.None)).Total;
        upstream.Words = Enumerable.Range(0, 1_000).Select(i => $" word{i}").ToList();
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(50);

        // Another connection holds SQLite's write lock, so the turn's first write waits for it.
        await using var database = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "chatwire.db")}");
        await database.OpenAsync();
        await using var holding = database.BeginTransaction(deferred: false);
        var turn = CollectAsync(engine.RunAsync(AskAsUser("Tell me everything")));
        await Eventually.MatchAsync(() => Task.FromResult(upstream.Requests.Count), count => count == 2, Timeout);

        // While the upstream streams, the lock holder makes every message insert fail, and lets go.
        await using (var refuse = database.CreateCommand())
        {
            refuse.CommandText = """CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk says no'); END;""";
            await refuse.ExecuteNonQueryAsync();
        }

        await holding.CommitAsync();
        var events = await turn.WaitAsync(Timeout);

        var failed = Assert.IsType<TurnFailed>(Assert.Single(events));
        Assert.True(failed.Rejected);
        Assert.Equal(ErrorCodes.ProcessingError, failed.Code);
        await upstream.ClientAborted.Task.WaitAsync(Timeout);
        Assert.True(upstream.ChunksWritten < 1_000, "the upstream stopped before the end of the answer");
        Assert.Equal(before, (await store.ListConversationsAsync(user.Key, 1, 10, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task ConsumerThatLeavesRightAfterTheStartStopsTheUpstreamRequestAlreadyUnderWay()
    {
        // The upstream request starts before the turn is announced, so a client gone between the
        // two must still stop it, not leave it streaming to nobody.
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.Words = Enumerable.Range(0, 1_000).Select(i => $" word{i}").ToList();
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(50);
        await using var server = await ChatwireServer.StartAsync(upstream.UpstreamModelSettings());
        var engine = server.Services.GetRequiredService<ChatEngine>();

        var events = engine.RunAsync(Ask("Tell me everything", model: "upstream-model", anonId: "engine-leaver-01")).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        var started = Assert.IsType<TurnStarted>(events.Current);
        await Eventually.MatchAsync(() => Task.FromResult(upstream.Requests.Count), count => count == 1, Timeout);
        await events.DisposeAsync();

        await upstream.ClientAborted.Task.WaitAsync(Timeout);

        // At 20 chunks a second: stopped with the turn, not whenever the abandoned request is collected.
        Assert.True(upstream.ChunksWritten < 20, $"the upstream wrote {upstream.ChunksWritten} chunks after the client left");
        var stored = await server.Services.GetRequiredService<IChatStore>().FindMessageAsync(started.AssistantMessageId, CancellationToken.None);
        Assert.Equal(MessageStatus.Cancelled, stored!.Status);
    }

    [Fact]
    public async Task UnknownModelIsRejected()
    {
        var events = await CollectAsync(Engine.RunAsync(Ask("Hello", model: "no-such-model")));

        Assert.Equal(ErrorCodes.ModelNotFound, Assert.IsType<TurnFailed>(Assert.Single(events)).Code);
    }

    [Fact]
    public async Task StopRequestEndsTheTurnAsCancelled()
    {
        _upstream.Words = Enumerable.Range(0, 200).Select(i => $" word{i}").ToList();
        _upstream.ChunkDelay = TimeSpan.FromMilliseconds(20);
        var registry = _server.Services.GetRequiredService<TurnRegistry>();
        var events = new List<ChatEvent>();

        await foreach (var chatEvent in Engine.RunAsync(Ask("Tell me everything", model: "upstream-model")))
        {
            events.Add(chatEvent);
            if (chatEvent is TurnDelta && events.OfType<TurnDelta>().Count() == 2)
            {
                var started = events.OfType<TurnStarted>().Single();
                Assert.False(registry.TryStop(started.AssistantMessageId, ChatIdentity.Anonymous("someone-else")), "only the owner can stop a turn");
                Assert.True(registry.TryStop(started.AssistantMessageId, ChatIdentity.Anonymous("engine-test-01")));
            }
        }

        Assert.Equal(ErrorCodes.Cancelled, Assert.IsType<TurnFailed>(events.Last(e => e is not UsageChanged)).Code);
        Assert.Equal(0, registry.Count);
    }

    private static Task<List<ChatEvent>> CollectAsync(IAsyncEnumerable<ChatEvent> events) => EngineRuns.CollectAsync(events, Timeout);
}
