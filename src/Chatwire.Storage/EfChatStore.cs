using Chatwire.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage;

/// <summary><see cref="IChatStore"/> on EF Core; a short-lived pooled context per operation.</summary>
public sealed class EfChatStore(IDbContextFactory<ChatDbContext> contexts) : IChatStore
{
    public async Task<Conversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
    }

    public async Task<ConversationMessage?> FindMessageAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationMessage>> GetContextAsync(string conversationId, int count, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Status == MessageStatus.Complete);
        if (before is { } limit)
        {
            query = query.Where(m => m.CreatedAt < limit);
        }

        // Fetch a few extra: answers replaced by a regeneration are dropped below.
        var latest = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(count * 2).ToListAsync(cancellationToken);
        var replaced = latest.Where(m => m.ReplacesMessageId is not null).Select(m => m.ReplacesMessageId!).ToHashSet(StringComparer.Ordinal);
        var context = latest.Where(m => !replaced.Contains(m.Id)).Take(count).ToList();
        context.Reverse();
        return context;
    }

    public async Task BeginTurnAsync(Conversation? newConversation, ConversationMessage? userMessage, ConversationMessage assistantMessage, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (newConversation is not null)
        {
            db.Conversations.Add(newConversation);
        }

        if (userMessage is not null)
        {
            db.Messages.Add(userMessage);
        }

        db.Messages.Add(assistantMessage);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task FinishTurnAsync(ConversationMessage assistantMessage, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Messages.Update(assistantMessage);
        await db.Conversations.Where(c => c.Id == assistantMessage.ConversationId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UpdatedAt, assistantMessage.UpdatedAt), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<PagedList<Conversation>> ListConversationsAsync(string ownerKey, int page, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Conversations.AsNoTracking().Where(c => c.OwnerKey == ownerKey);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
        return new PagedList<Conversation>(items, page, limit, total);
    }

    public async Task<PagedList<ConversationMessage>> ListMessagesAsync(string conversationId, int page, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
        return new PagedList<ConversationMessage>(items, page, limit, total);
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // A query against a real table, not just a connection: a missing schema is unhealthy too.
            await db.Conversations.Take(1).CountAsync(cancellationToken);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
