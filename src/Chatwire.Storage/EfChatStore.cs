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
            var revision = await NextRevisionAsync(db, newConversation?.OwnerKey, assistantMessage.ConversationId, token);
            if (newConversation is not null)
            {
                db.Conversations.Add(newConversation);
            }

            if (userMessage is not null)
            {
                userMessage.Revision = userMessage.CreatedRevision = revision;
                db.Messages.Add(userMessage);
            }

            assistantMessage.Revision = assistantMessage.CreatedRevision = revision;
            db.Messages.Add(assistantMessage);
            await db.SaveChangesAsync(token);
        }, cancellationToken);

    public Task AppendMessageAsync(Conversation? newConversation, ConversationMessage message, CancellationToken cancellationToken) =>
        writer.RunAsync(async (db, token) =>
        {
            var revision = await NextRevisionAsync(db, newConversation?.OwnerKey, message.ConversationId, token);
            if (newConversation is not null)
            {
                db.Conversations.Add(newConversation);
            }
            else
            {
                await db.Conversations.Where(c => c.Id == message.ConversationId)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.UpdatedAt, message.UpdatedAt), token);
            }

            message.Revision = message.CreatedRevision = revision;
            db.Messages.Add(message);
            await db.SaveChangesAsync(token);
        }, cancellationToken);

    public Task FinishTurnAsync(ConversationMessage assistantMessage, CancellationToken cancellationToken) =>
        writer.RunAsync(async (db, token) =>
        {
            assistantMessage.Revision = await NextRevisionAsync(db, null, assistantMessage.ConversationId, token);
            db.Messages.Update(assistantMessage);
            await db.Conversations.Where(c => c.Id == assistantMessage.ConversationId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.UpdatedAt, assistantMessage.UpdatedAt), token);
            await db.SaveChangesAsync(token);
        }, cancellationToken);

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

    /// <summary>
    /// Takes the owner's next revision inside the caller's transaction. The upsert locks the owner's
    /// counter row until commit (SQLite: the whole database), so a second writer of the same owner
    /// waits and takes a larger number only after this one is committed: once revision N is visible,
    /// every revision below N is too, and "changes after my cursor" can never skip a late commit.
    /// Timestamps or auto-increment ids would not promise that.
    /// </summary>
    private static async Task<long> NextRevisionAsync(ChatDbContext db, string? ownerKey, string conversationId, CancellationToken cancellationToken)
    {
        ownerKey ??= await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.OwnerKey).FirstAsync(cancellationToken);
        var taken = await db.Database.SqlQuery<long>($"""
            INSERT INTO owner_revisions ("OwnerKey", "Revision") VALUES ({ownerKey}, 1)
            ON CONFLICT ("OwnerKey") DO UPDATE SET "Revision" = owner_revisions."Revision" + 1
            RETURNING "Revision" AS "Value"
            """).ToListAsync(cancellationToken);
        return taken[0];
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
