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
