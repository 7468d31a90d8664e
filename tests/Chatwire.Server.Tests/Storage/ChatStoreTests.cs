using Chatwire.Core.Conversations;
using Chatwire.Core.Turns;
using Chatwire.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Chatwire.Server.Tests.Storage;

/// <summary>The store's contract, on SQLite and on PostgreSQL alike.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ChatStoreTests(PostgresCluster cluster)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task BeginAndFinishStoreATurnAndGiveItIncreasingRevisions(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        var (conversation, user, assistant) = NewTurn("user:ann", "c1", T0);

        await store.BeginTurnAsync(conversation, user, assistant, CancellationToken.None);
        Assert.Equal((1, 1, 1, 1), (user.Revision, user.CreatedRevision, assistant.Revision, assistant.CreatedRevision));
        var placeholder = (await store.FindMessageAsync(assistant.Id, CancellationToken.None))!;
        Assert.Equal((MessageStatus.Streaming, ""), (placeholder.Status, placeholder.Content));

        assistant.Content = "Two years.";
        assistant.Status = MessageStatus.Complete;
        assistant.UpdatedAt = T0.AddSeconds(5);
        await store.FinishTurnAsync(assistant, CancellationToken.None);

        var stored = (await store.FindMessageAsync(assistant.Id, CancellationToken.None))!;
        Assert.Equal(("Two years.", MessageStatus.Complete, 2L, 1L), (stored.Content, stored.Status, stored.Revision, stored.CreatedRevision));
        Assert.Equal(2, await store.GetRevisionAsync("user:ann", CancellationToken.None));
        Assert.Equal(0, await store.GetRevisionAsync("user:nobody", CancellationToken.None));
        Assert.Equal(T0.AddSeconds(5), (await store.FindConversationAsync("c1", CancellationToken.None))!.UpdatedAt);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task EveryFieldATurnWritesReadsBackAsWritten(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        var (conversation, user, assistant) = NewTurn("user:émile", "c-fields", T0);
        conversation.Title = "Garansi — \"laptop\" 'Vela' ✓";
        conversation.Model = "upstream-model";
        conversation.CustomerId = "cust-42";
        assistant.Model = "upstream-model";

        await store.BeginTurnAsync(conversation, user, assistant, CancellationToken.None);
        assistant.Content = "Garansi dua tahun.\n\n(Sumber: warranty.md) — ✓ 😀";
        assistant.Status = MessageStatus.Complete;
        assistant.Agent = "support";
        assistant.Confidence = 0.8125;
        assistant.Sources = ["warranty.md", "faq.md"];
        assistant.PromptTokens = 1234;
        assistant.CompletionTokens = 56;
        assistant.UpdatedAt = T0.AddSeconds(5).AddTicks(7);
        await store.FinishTurnAsync(assistant, CancellationToken.None);

        var stored = (await store.FindMessageAsync(assistant.Id, CancellationToken.None))!;
        Assert.Equal(
            (assistant.Content, MessageStatus.Complete, "upstream-model", "support", (double?)0.8125, 1234, 56, (string?)null, assistant.CreatedAt, T0.AddSeconds(5).AddTicks(7)),
            (stored.Content, stored.Status, stored.Model, stored.Agent, stored.Confidence, stored.PromptTokens, stored.CompletionTokens, stored.ReplacesMessageId, stored.CreatedAt, stored.UpdatedAt));
        Assert.Equal(["warranty.md", "faq.md"], stored.Sources);
        var question = (await store.FindMessageAsync(user.Id, CancellationToken.None))!;
        Assert.Equal((user.Content, MessageRole.User, (double?)null), (question.Content, question.Role, question.Confidence));
        var chat = (await store.FindConversationAsync("c-fields", CancellationToken.None))!;
        Assert.Equal(
            ("user:émile", "default", conversation.Title, "upstream-model", "cust-42", T0),
            (chat.OwnerKey, chat.BrandId, chat.Title, chat.Model, chat.CustomerId, chat.CreatedAt));
    }

    [Fact]
    public async Task OnSqliteATurnWrittenWhileAnotherConnectionHoldsTheWriteLockWaitsForItAndIsStored()
    {
        await using var scope = await StoreScope.CreateAsync("Sqlite", cluster);
        var store = scope.Store;
        await using var other = new SqliteConnection($"Data Source={scope.SqliteFile};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            // What the CLI granting credits does for a moment while the server runs.
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var (conversation, user, assistant) = NewTurn("user:fay", "c-locked", T0);
        var writing = store.BeginTurnAsync(conversation, user, assistant, CancellationToken.None);
        await Task.WhenAny(writing, Task.Delay(300));
        Assert.False(writing.IsCompleted, writing.Exception?.ToString() ?? "Written while another connection held the write lock.");

        await using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        await writing.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(MessageStatus.Streaming, (await store.FindMessageAsync(assistant.Id, CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task ChangesSinceACursorListEachMessageOnceInItsLatestStateAndOnlyTheOwners(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        var first = await StoreCompleteTurnAsync(store, "user:bea", "chat-a", T0, newConversation: true);
        var cursor = await store.GetRevisionAsync("user:bea", CancellationToken.None);
        var second = await StoreCompleteTurnAsync(store, "user:bea", "chat-a", T0.AddMinutes(1), newConversation: false);
        var third = await StoreCompleteTurnAsync(store, "user:bea", "chat-b", T0.AddMinutes(2), newConversation: true);
        await StoreCompleteTurnAsync(store, "user:cat", "chat-c", T0.AddMinutes(3), newConversation: true);

        var changes = await store.ListChangesAsync("user:bea", null, cursor, 100, CancellationToken.None);
        Assert.Equal([second.User.Id, second.Assistant.Id, third.User.Id, third.Assistant.Id], changes.Items.Select(m => m.Id));
        Assert.All(changes.Items, m => Assert.Equal(MessageStatus.Complete, m.Status));
        Assert.Equal(await store.GetRevisionAsync("user:bea", CancellationToken.None), changes.Cursor);
        Assert.False(changes.HasMore);

        var oneChat = await store.ListChangesAsync("user:bea", "chat-a", 0, 100, CancellationToken.None);
        Assert.Equal([first.User.Id, first.Assistant.Id, second.User.Id, second.Assistant.Id], oneChat.Items.Select(m => m.Id));
        Assert.Empty((await store.ListChangesAsync("user:bea", "chat-c", 0, 100, CancellationToken.None)).Items);
        Assert.Empty((await store.ListChangesAsync("user:bea", null, changes.Cursor, 100, CancellationToken.None)).Items);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task PagesOfChangesNeverSplitMessagesWrittenTogether(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        for (var i = 0; i < 3; i++)
        {
            // Left streaming: each turn is one write of two messages (question + placeholder).
            var (conversation, user, assistant) = NewTurn("user:dan", "chat-d", T0.AddMinutes(i));
            await store.BeginTurnAsync(i == 0 ? conversation : null, user, assistant, CancellationToken.None);
        }

        // Pages of 3 would cut the second write in half; the store ends the page before it instead.
        var pages = new List<int>();
        var seen = new List<string>();
        var cursor = 0L;
        ChangePage page;
        do
        {
            page = await store.ListChangesAsync("user:dan", null, cursor, 3, CancellationToken.None);
            pages.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(m => m.Id));
            cursor = page.Cursor;
        }
        while (page.HasMore);

        Assert.Equal([2, 2, 2], pages);
        Assert.Equal(6, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task ConcurrentWritersOfOneOwnerEachTakeTheirOwnRevision(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        var conversation = new Conversation { Id = "busy", OwnerKey = "user:eve", BrandId = "default", CreatedAt = T0, UpdatedAt = T0 };
        await store.AppendMessageAsync(conversation, UserMessage("busy", "first", T0), CancellationToken.None);

        var messages = Enumerable.Range(1, 20).Select(i => UserMessage("busy", $"message {i}", T0.AddSeconds(i))).ToList();
        await Task.WhenAll(messages.Select(m => store.AppendMessageAsync(null, m, CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), messages.Select(m => m.Revision).Order());
        var all = await store.ListChangesAsync("user:eve", null, 0, 100, CancellationToken.None);
        Assert.Equal(21, all.Items.Count);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task AWriteThatFailsAmongConcurrentWritesFailsAloneAndLeavesNoTrace(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        var conversation = new Conversation { Id = "mixed", OwnerKey = "user:fay", BrandId = "default", CreatedAt = T0, UpdatedAt = T0 };
        var first = UserMessage("mixed", "first", T0);
        await store.AppendMessageAsync(conversation, first, CancellationToken.None);

        // Every third write reuses the first message's id, so the database refuses it. On SQLite
        // the writes arriving together share one transaction; the refused ones must not take the
        // others down with them, nor leave a revision or a row behind.
        var writes = Enumerable.Range(1, 30).Select(i =>
        {
            var message = UserMessage("mixed", $"message {i}", T0.AddSeconds(i));
            return (Message: message, Refused: i % 3 == 0, Task: i % 3 == 0
                ? store.AppendMessageAsync(null, Duplicate(first, T0.AddSeconds(i)), CancellationToken.None)
                : store.AppendMessageAsync(null, message, CancellationToken.None));
        }).ToList();
        await Task.WhenAll(writes.Select(w => w.Task.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(writes, w => Assert.Equal(w.Refused, w.Task.IsFaulted));
        var stored = await store.ListMessagesAsync("mixed", 1, 100, CancellationToken.None);
        Assert.Equal(21, stored.Items.Count);
        Assert.DoesNotContain(stored.Items, m => m.Content == "duplicate");
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), stored.Items.Select(m => m.Revision).Order());
        Assert.Equal(21, await store.GetRevisionAsync("user:fay", CancellationToken.None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task ContextLeavesOutUnfinishedAndReplacedAnswersAndTheLatestMessageIsFound(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        var turn = await StoreCompleteTurnAsync(store, "user:fay", "chat-f", T0, newConversation: true);
        var regenerated = new ConversationMessage
        {
            Id = Ids.New(), ConversationId = "chat-f", Role = MessageRole.Assistant, Status = MessageStatus.Streaming,
            ReplacesMessageId = turn.Assistant.Id, CreatedAt = T0.AddMinutes(1), UpdatedAt = T0.AddMinutes(1),
        };
        await store.BeginTurnAsync(null, null, regenerated, CancellationToken.None);

        var whileStreaming = await store.GetContextAsync("chat-f", 10, null, CancellationToken.None);
        Assert.Equal([turn.User.Id, turn.Assistant.Id], whileStreaming.Select(m => m.Id));
        Assert.Equal(regenerated.Id, (await store.FindLatestMessageAsync("chat-f", CancellationToken.None))!.Id);

        regenerated.Status = MessageStatus.Complete;
        regenerated.Content = "Better answer";
        await store.FinishTurnAsync(regenerated, CancellationToken.None);
        var afterwards = await store.GetContextAsync("chat-f", 10, null, CancellationToken.None);
        Assert.Equal([turn.User.Id, regenerated.Id], afterwards.Select(m => m.Id));
        Assert.Null(await store.FindLatestMessageAsync("no-such-chat", CancellationToken.None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task ConversationsAndMessagesPageByOwnerInOrder(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        for (var i = 0; i < 5; i++)
        {
            await StoreCompleteTurnAsync(store, "user:gus", $"chat-{i}", T0.AddMinutes(i), newConversation: true);
        }

        await StoreCompleteTurnAsync(store, "user:hal", "chat-hal", T0, newConversation: true);

        var page = await store.ListConversationsAsync("user:gus", 2, 2, CancellationToken.None);
        Assert.Equal(5, page.Total);
        Assert.Equal(["chat-2", "chat-1"], page.Items.Select(c => c.Id));
        Assert.All(page.Items, c => Assert.Equal("user:gus", c.OwnerKey));
        var messages = await store.ListMessagesAsync("chat-0", 1, 10, CancellationToken.None);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], messages.Items.Select(m => m.Role));
        Assert.Equal("user:hal", (await store.FindConversationAsync("chat-hal", CancellationToken.None))!.OwnerKey);
        Assert.True(await store.IsHealthyAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task StreamingAnswersAreFoundBeforeACutoffAndByOwner(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var store = scope.Store;
        var (oldChat, oldQuestion, oldAnswer) = NewTurn("user:dan", "old", T0);
        await store.BeginTurnAsync(oldChat, oldQuestion, oldAnswer, CancellationToken.None);
        var (olderChat, olderQuestion, olderAnswer) = NewTurn("user:eve", "older", T0.AddMinutes(-5));
        await store.BeginTurnAsync(olderChat, olderQuestion, olderAnswer, CancellationToken.None);
        await StoreCompleteTurnAsync(store, "user:dan", "done", T0, newConversation: true);
        var (newChat, newQuestion, newAnswer) = NewTurn("user:dan", "new", T0.AddHours(1));
        await store.BeginTurnAsync(newChat, newQuestion, newAnswer, CancellationToken.None);

        var unfinished = await store.FindUnfinishedAnswersAsync(T0.AddMinutes(30), 10, CancellationToken.None);

        Assert.Equal([olderAnswer.Id, oldAnswer.Id], unfinished.Select(m => m.Id));
        Assert.Equal([olderAnswer.Id], (await store.FindUnfinishedAnswersAsync(T0.AddMinutes(30), 1, CancellationToken.None)).Select(m => m.Id));

        // One owner's answers in progress, newest first (what a device connecting mid-answer is told).
        Assert.Equal([newAnswer.Id, oldAnswer.Id], (await store.ListStreamingAnswersAsync("user:dan", 10, CancellationToken.None)).Select(m => m.Id));
        Assert.Empty(await store.ListStreamingAnswersAsync("user:nobody", 10, CancellationToken.None));
    }

    private static async Task<(ConversationMessage User, ConversationMessage Assistant)> StoreCompleteTurnAsync(IChatStore store, string owner, string chatId, DateTimeOffset at, bool newConversation)
    {
        var (conversation, user, assistant) = NewTurn(owner, chatId, at);
        await store.BeginTurnAsync(newConversation ? conversation : null, user, assistant, CancellationToken.None);
        assistant.Status = MessageStatus.Complete;
        assistant.Content = "Answer at " + at.ToString("O");
        assistant.UpdatedAt = at.AddSeconds(1);
        await store.FinishTurnAsync(assistant, CancellationToken.None);
        return (user, assistant);
    }

    private static (Conversation, ConversationMessage, ConversationMessage) NewTurn(string owner, string chatId, DateTimeOffset at)
    {
        var conversation = new Conversation { Id = chatId, OwnerKey = owner, BrandId = "default", Title = "t", CreatedAt = at, UpdatedAt = at };
        var assistant = new ConversationMessage
        {
            Id = Ids.New(), ConversationId = chatId, Role = MessageRole.Assistant, Status = MessageStatus.Streaming,
            CreatedAt = at.AddMilliseconds(1), UpdatedAt = at.AddMilliseconds(1),
        };
        return (conversation, UserMessage(chatId, "Question at " + at.ToString("O"), at), assistant);
    }

    private static ConversationMessage Duplicate(ConversationMessage original, DateTimeOffset at) => new()
    {
        Id = original.Id, ConversationId = original.ConversationId, Role = MessageRole.User, Content = "duplicate", Status = MessageStatus.Complete, CreatedAt = at, UpdatedAt = at,
    };

    private static ConversationMessage UserMessage(string chatId, string content, DateTimeOffset at) => new()
    {
        Id = Ids.New(), ConversationId = chatId, Role = MessageRole.User, Content = content, Status = MessageStatus.Complete, CreatedAt = at, UpdatedAt = at,
    };
}
