using Chatwire.Core.Brands;
using Chatwire.Core.Conversations;
using Chatwire.Core.Notifications;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Microsoft.Extensions.Options;

namespace Chatwire.Core.Sync;

/// <summary>
/// The rules of multi-device sync, whatever wire carries them: storing a user message sent for
/// sync (seed 000 flow steps 1–2) and answering "what changed since my cursor".
/// </summary>
public sealed class MessageSync(
    IChatStore store,
    IBrandCatalog brands,
    IChatBus bus,
    IOptions<ChatEngineOptions> chatOptions,
    IOptions<SyncOptions> syncOptions,
    TimeProvider time)
{
    private readonly ChatEngineOptions _chat = chatOptions.Value;
    private readonly SyncOptions _sync = syncOptions.Value;

    /// <summary>
    /// Stores a user message in the caller's chat (a new chat when <paramref name="chatId"/> is null or
    /// not yet used) and tells the caller's other devices. A streaming wire asked next to answer the
    /// same text in that chat answers this message instead of storing it again.
    /// </summary>
    public async Task<(ConversationMessage? Message, TurnRejection? Rejection)> StoreUserMessageAsync(
        ChatIdentity identity, string? chatId, string text, string? brandId, CancellationToken cancellationToken)
    {
        var content = text.Trim();
        if (content.Length == 0)
        {
            return (null, new TurnRejection(ErrorCodes.EmptyMessage, "Message cannot be empty."));
        }

        if (content.Length > _chat.MaxMessageLength)
        {
            return (null, new TurnRejection(ErrorCodes.MessageTooLong, $"Message is longer than {_chat.MaxMessageLength} characters."));
        }

        if (chatId is not null && !TurnPlanner.IsValidConversationId(chatId))
        {
            return (null, new TurnRejection(ErrorCodes.ConversationNotFound, "Conversation not found."));
        }

        var existing = chatId is null ? null : await store.FindConversationAsync(chatId, cancellationToken);
        if (existing is not null && existing.OwnerKey != identity.Key)
        {
            return (null, new TurnRejection(ErrorCodes.ConversationNotFound, "Conversation not found."));
        }

        var now = time.GetUtcNow();
        Conversation? created = null;
        if (existing is null)
        {
            var brand = brandId ?? _chat.DefaultBrand;
            if (brands.Find(brand) is not { Active: true })
            {
                return (null, new TurnRejection(ErrorCodes.BrandNotFound, $"Brand '{brand}' not found or inactive"));
            }

            created = new Conversation
            {
                Id = chatId ?? Ids.New(),
                OwnerKey = identity.Key,
                BrandId = brand,
                Title = content.Length <= 80 ? content : content[..80] + "…",
                CreatedAt = now,
                UpdatedAt = now,
            };
        }

        var message = new ConversationMessage
        {
            Id = Ids.New(),
            ConversationId = existing?.Id ?? created!.Id,
            Role = MessageRole.User,
            Content = content,
            Status = MessageStatus.Complete,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.AppendMessageAsync(created, message, cancellationToken);
        await bus.PublishAsync(new ConversationNotification(identity.Key, message.ConversationId, Created: created is not null), cancellationToken);
        await bus.PublishAsync(new MessageNotification(identity.Key, message.ConversationId, message.Id, message.Revision, Created: true), cancellationToken);
        return (message, null);
    }

    /// <summary>
    /// The caller's messages changed after <paramref name="since"/> (of one chat, or all), each once
    /// in its latest state, oldest change first. An unknown or foreign chat is simply empty.
    /// </summary>
    public async Task<ChangePage> ChangesAsync(ChatIdentity identity, string? chatId, long since, CancellationToken cancellationToken)
    {
        if (chatId is not null && !TurnPlanner.IsValidConversationId(chatId))
        {
            return new ChangePage([], Math.Max(0, since), HasMore: false);
        }

        return await store.ListChangesAsync(identity.Key, chatId, Math.Max(0, since), _sync.MaxSyncMessages, cancellationToken);
    }

    /// <summary>
    /// The caller's answers being generated now, on any wire and node: what a connection that
    /// arrives mid-answer announces as typing, since it missed the answer's start.
    /// </summary>
    public Task<IReadOnlyList<ConversationMessage>> StreamingAnswersAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        store.ListStreamingAnswersAsync(identity.Key, _sync.MaxTypingChats, cancellationToken);

    /// <summary>The caller's current cursor: where a new connection's live updates start.</summary>
    public Task<long> CursorAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        store.GetRevisionAsync(identity.Key, cancellationToken);

    public TypingSession StartTyping(ChatIdentity identity, string deviceId) =>
        new(bus, identity.Key, deviceId, _sync, time);
}
