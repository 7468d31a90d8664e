using Chatwire.Core.Conversations;

namespace Chatwire.Server.Tests.Support;

public static class StoreWaits
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The conversation's first assistant message once it is no longer streaming.</summary>
    public static async Task<ConversationMessage> FinalAnswerAsync(IChatStore store, string conversationId)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var messages = await store.ListMessagesAsync(conversationId, 1, 10, timeout.Token);
            if (messages.Items.FirstOrDefault(m => m.Role == MessageRole.Assistant) is { Status: not MessageStatus.Streaming } answer)
            {
                return answer;
            }

            // The store has no change notification; the turn's end is observable only by reading it.
            await Task.Delay(25, timeout.Token);
        }
    }
}
