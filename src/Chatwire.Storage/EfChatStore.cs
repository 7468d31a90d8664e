using Chatwire.Core.Conversations;
using Chatwire.Storage.Writes;
using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage;

/// <summary>
/// <see cref="IChatStore"/> on EF Core: reads on a short-lived pooled context each, writes as units
/// of work handed to the <see cref="StorageWriter"/>, which owns their transactions.
/// </summary>
internal sealed class EfChatStore(IDbContextFactory<ChatDbContext> contexts, StorageWriter writer) : IChatStore
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

    public Task BeginTurnAsync(Conversation? newConversation, ConversationMessage? userMessage, ConversationMessage assistantMessage, CancellationToken cancellationToken) =>
        writer.RunAsync(async (db, token) =>
        {
            var revision = await TurnWrites.NextRevisionAsync(db, newConversation?.OwnerKey, assistantMessage.ConversationId, token);
            if (newConversation is not null)
            {
                await TurnWrites.InsertConversationAsync(db, newConversation, token);
            }

            if (userMessage is not null)
            {
                userMessage.Revision = userMessage.CreatedRevision = revision;
                await TurnWrites.InsertMessageAsync(db, userMessage, token);
            }

            assistantMessage.Revision = assistantMessage.CreatedRevision = revision;
            await TurnWrites.InsertMessageAsync(db, assistantMessage, token);
        }, cancellationToken);

    public Task AppendMessageAsync(Conversation? newConversation, ConversationMessage message, CancellationToken cancellationToken) =>
        writer.RunAsync(async (db, token) =>
        {
            var revision = await TurnWrites.NextRevisionAsync(db, newConversation?.OwnerKey, message.ConversationId, token);
            if (newConversation is not null)
            {
                await TurnWrites.InsertConversationAsync(db, newConversation, token);
            }
            else
            {
                await TurnWrites.TouchConversationAsync(db, message.ConversationId, message.UpdatedAt, token);
            }

            message.Revision = message.CreatedRevision = revision;
            await TurnWrites.InsertMessageAsync(db, message, token);
        }, cancellationToken);

    public Task FinishTurnAsync(ConversationMessage assistantMessage, CancellationToken cancellationToken) =>
        writer.RunAsync(async (db, token) =>
        {
            assistantMessage.Revision = await TurnWrites.NextRevisionAsync(db, null, assistantMessage.ConversationId, token);
            await TurnWrites.UpdateAnswerAsync(db, assistantMessage, token);
            await TurnWrites.TouchConversationAsync(db, assistantMessage.ConversationId, assistantMessage.UpdatedAt, token);
        }, cancellationToken);

    public async Task<IReadOnlyList<ConversationMessage>> FindUnfinishedAnswersAsync(DateTimeOffset startedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking()
            .Where(m => m.Role == MessageRole.Assistant && m.Status == MessageStatus.Streaming && m.CreatedAt < startedBefore)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationMessage>> ListStreamingAnswersAsync(string ownerKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = from m in db.Messages.AsNoTracking()
                    join c in db.Conversations on m.ConversationId equals c.Id
                    where c.OwnerKey == ownerKey && m.Role == MessageRole.Assistant && m.Status == MessageStatus.Streaming
                    orderby m.CreatedAt descending
                    select m;
        return await query.Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<ConversationMessage?> FindLatestMessageAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<ChangePage> ListChangesAsync(string ownerKey, string? conversationId, long since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = from m in db.Messages.AsNoTracking()
                    join c in db.Conversations on m.ConversationId equals c.Id
                    where c.OwnerKey == ownerKey && m.Revision > since
                    select m;
        if (conversationId is not null)
        {
            query = query.Where(m => m.ConversationId == conversationId);
        }

        var items = await query.OrderBy(m => m.Revision).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var hasMore = items.Count > limit;
        if (hasMore)
        {
            // Messages written in one transaction share a revision; a page never splits them, or the
            // cursor would skip the rest of the group.
            var last = items[limit].Revision;
            var kept = items.Take(limit).Where(m => m.Revision != last).ToList();
            items = kept.Count > 0 ? kept : await query.Where(m => m.Revision == last).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        }

        return new ChangePage(items, items.Count > 0 ? items[^1].Revision : since, hasMore);
    }

    public async Task<long> GetRevisionAsync(string ownerKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OwnerRevisions.Where(r => r.OwnerKey == ownerKey).Select(r => r.Revision).FirstOrDefaultAsync(cancellationToken);
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
