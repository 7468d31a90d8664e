using Chatwire.Core.Conversations;
using Chatwire.Core.Turns;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Engine;

/// <summary>An answer whose server stopped mid-stream (a crash) does not stay "streaming" for ever.</summary>
public sealed class UnfinishedAnswerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RestartClosesTheAnswersTheStoppedServerLeftStreamingAndNoOthers()
    {
        var data = Directory.CreateTempSubdirectory("chatwire-restart-").FullName;
        try
        {
            string abandoned;
            await using (var crashed = await ChatwireServer.StartAsync(dataDirectory: data))
            {
                // The start of a turn is stored, then the server goes away before its end is.
                abandoned = await BeginTurnAsync(crashed.Services.GetRequiredService<IChatStore>(), "user:restart", "chat-before-crash");
            }

            await using var restarted = await ChatwireServer.StartAsync(dataDirectory: data);
            var store = restarted.Services.GetRequiredService<IChatStore>();
            var live = await BeginTurnAsync(store, "user:restart", "chat-after-restart");

            var closed = await Eventually.MatchAsync(() => store.FindMessageAsync(abandoned, CancellationToken.None), m => m!.Status != MessageStatus.Streaming, Timeout);
            Assert.Equal(MessageStatus.Error, closed!.Status);
            var changes = await store.ListChangesAsync("user:restart", "chat-before-crash", 0, 10, CancellationToken.None);
            Assert.Contains(changes.Items, m => m.Id == abandoned && m.Status == MessageStatus.Error);
            Assert.Equal(MessageStatus.Streaming, (await store.FindMessageAsync(live, CancellationToken.None))!.Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ClosingAnUnfinishedAnswerTellsTheOwnersDevicesTheAssistantStoppedAndTheAnswerChanged()
    {
        await using var server = await ChatwireServer.StartAsync();
        var token = Tokens.For(server, "swept");
        var store = server.Services.GetRequiredService<IChatStore>();

        // Another node began this answer and died; this node's sweeper finds it later.
        var abandoned = await BeginTurnAsync(store, "user:swept", "chat-swept");
        var (phone, _) = await ControlClient.OpenAsync(server, "swept", token);
        await using (phone)
        {
            var typing = await phone.NextAsync("assistant_typing");
            Assert.Equal((abandoned, true), (typing.Str("message_id"), typing.GetProperty("is_typing").GetBoolean()));

            var closed = await server.Services.GetRequiredService<UnfinishedAnswers>().CloseAsync(DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None);

            Assert.Equal(1, closed);
            var stopped = await phone.NextAsync("assistant_typing");
            Assert.Equal((abandoned, false), (stopped.Str("message_id"), stopped.GetProperty("is_typing").GetBoolean()));
            var updated = await phone.NextAsync("message_updated");
            var message = updated.GetProperty("message");
            Assert.Equal((abandoned, "error"), (message.Str("id"), message.Str("status")));
        }
    }

    private static async Task<string> BeginTurnAsync(IChatStore store, string owner, string chatId)
    {
        var now = DateTimeOffset.UtcNow;
        var conversation = new Conversation { Id = chatId, OwnerKey = owner, BrandId = "default", Title = "t", CreatedAt = now, UpdatedAt = now };
        var question = new ConversationMessage { Id = Ids.New(), ConversationId = chatId, Role = MessageRole.User, Content = "Hi", Status = MessageStatus.Complete, CreatedAt = now, UpdatedAt = now };
        var answer = new ConversationMessage { Id = Ids.New(), ConversationId = chatId, Role = MessageRole.Assistant, Status = MessageStatus.Streaming, CreatedAt = now, UpdatedAt = now };
        await store.BeginTurnAsync(conversation, question, answer, CancellationToken.None);
        return answer.Id;
    }
}
