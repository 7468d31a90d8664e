using Chatwire.Core.Conversations;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;

namespace Chatwire.Core.Notifications;

/// <summary>Publishes every turn's lifecycle on the bus: the owner's other connections and nodes hear about it.</summary>
public sealed class BusTurnObserver(IChatBus bus) : ITurnObserver
{
    public async ValueTask TurnStartedAsync(TurnNotice turn, CancellationToken cancellationToken)
    {
        var owner = turn.Identity.Key;
        var assistant = turn.AssistantMessage;
        if (turn.NewConversation is { } conversation)
        {
            await bus.PublishAsync(new ConversationNotification(owner, conversation.Id, Created: true), cancellationToken);
        }

        if (turn.UserMessage is { } user)
        {
            await bus.PublishAsync(new MessageNotification(owner, user.ConversationId, user.Id, user.Revision, Created: true), cancellationToken);
        }

        await bus.PublishAsync(new MessageNotification(owner, assistant.ConversationId, assistant.Id, assistant.Revision, Created: true), cancellationToken);
        await bus.PublishAsync(new GeneratingNotification(owner, assistant.ConversationId, assistant.Id, IsGenerating: true), cancellationToken);
    }

    public async ValueTask TurnFinishedAsync(TurnNotice turn, UsageSnapshot? usage, CancellationToken cancellationToken)
    {
        var owner = turn.Identity.Key;
        await PublishAnswerEndedAsync(bus, owner, turn.AssistantMessage, cancellationToken);
        if (usage is not null)
        {
            await bus.PublishAsync(new UsageNotification(owner, usage), cancellationToken);
        }
    }

    /// <summary>An answer stopped generating and changed (finished, or closed after its server stopped), and so did its conversation.</summary>
    public static async ValueTask PublishAnswerEndedAsync(IChatBus bus, string owner, ConversationMessage answer, CancellationToken cancellationToken)
    {
        await bus.PublishAsync(new GeneratingNotification(owner, answer.ConversationId, answer.Id, IsGenerating: false), cancellationToken);
        await bus.PublishAsync(new MessageNotification(owner, answer.ConversationId, answer.Id, answer.Revision, Created: false), cancellationToken);
        await bus.PublishAsync(new ConversationNotification(owner, answer.ConversationId, Created: false), cancellationToken);
    }

    public ValueTask TurnRefusedAsync(ChatIdentity identity, string wire, TurnRejection rejection, CancellationToken cancellationToken) =>
        bus.PublishAsync(new TurnRefusedNotification(identity.Key, rejection.Code, rejection.Message), cancellationToken);
}
