using Chatwire.Core.Conversations;
using Chatwire.Core.Notifications;

namespace Chatwire.Core.Turns;

/// <summary>
/// Closes answers a server stopped streaming without finishing (a crash, a kill): without this they
/// stay "streaming" in every history for ever. Each is stored as failed, keeping whatever text was
/// stored with it, through the same write as a finished turn, so it takes a new revision and
/// syncing devices see it change; the owner's connected devices hear that it stopped generating
/// and changed, as at the end of any turn (on PostgreSQL, whichever node they are connected to).
/// </summary>
public sealed class UnfinishedAnswers(IChatStore store, IChatBus bus, TimeProvider time)
{
    private const int Batch = 100;

    /// <summary>Closes every answer still streaming that began before <paramref name="startedBefore"/>; returns how many.</summary>
    public async Task<int> CloseAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var closed = 0;
        while (true)
        {
            var answers = await store.FindUnfinishedAnswersAsync(startedBefore, Batch, cancellationToken);
            foreach (var answer in answers)
            {
                answer.Status = MessageStatus.Error;
                answer.UpdatedAt = time.GetUtcNow();
                await store.FinishTurnAsync(answer, cancellationToken);
                await AnnounceAsync(answer, cancellationToken);
                closed++;
            }

            if (answers.Count < Batch)
            {
                return closed;
            }
        }
    }

    private async Task AnnounceAsync(ConversationMessage answer, CancellationToken cancellationToken)
    {
        if (await store.FindConversationAsync(answer.ConversationId, cancellationToken) is { OwnerKey: var owner })
        {
            await BusTurnObserver.PublishAnswerEndedAsync(bus, owner, answer, cancellationToken);
        }
    }
}
