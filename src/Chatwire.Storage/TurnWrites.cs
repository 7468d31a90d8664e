using Chatwire.Core.Conversations;
using Chatwire.Storage.Writes;

namespace Chatwire.Storage;

/// <summary>
/// The statements a chat turn writes, as plain SQL (see <see cref="UnitSql"/>): they run on every
/// turn, inside the storage writer's transaction. Columns follow the EF model (<see cref="ChatDbContext"/>);
/// the store's tests run them on both providers.
/// </summary>
internal static class TurnWrites
{
    /// <summary>
    /// Takes the owner's next revision inside the caller's transaction. The upsert locks the owner's
    /// counter row until commit (SQLite: the whole database), so a second writer of the same owner
    /// waits and takes a larger number only after this one is committed: once revision N is visible,
    /// every revision below N is too, and "changes after my cursor" can never skip a late commit.
    /// Timestamps or auto-increment ids would not promise that.
    /// </summary>
    public static async Task<long> NextRevisionAsync(ChatDbContext db, string? ownerKey, string conversationId, CancellationToken cancellationToken)
    {
        var revision = ownerKey is not null
            ? await db.ScalarAsync("""
                INSERT INTO owner_revisions ("OwnerKey", "Revision") VALUES (@owner, 1)
                ON CONFLICT ("OwnerKey") DO UPDATE SET "Revision" = owner_revisions."Revision" + 1
                RETURNING "Revision"
                """, cancellationToken, ("@owner", ownerKey))
            : await db.ScalarAsync("""
                INSERT INTO owner_revisions ("OwnerKey", "Revision")
                SELECT "OwnerKey", 1 FROM conversations WHERE "Id" = @conversation
                ON CONFLICT ("OwnerKey") DO UPDATE SET "Revision" = owner_revisions."Revision" + 1
                RETURNING "Revision"
                """, cancellationToken, ("@conversation", conversationId));
        return revision ?? throw new InvalidOperationException($"Conversation {conversationId} does not exist.");
    }

    public static Task InsertConversationAsync(ChatDbContext db, Conversation conversation, CancellationToken cancellationToken) =>
        db.ExecuteAsync("""
            INSERT INTO conversations ("Id", "OwnerKey", "BrandId", "Title", "Model", "CustomerId", "CreatedAt", "UpdatedAt")
            VALUES (@id, @owner, @brand, @title, @model, @customer, @created, @updated)
            """, cancellationToken,
            ("@id", conversation.Id), ("@owner", conversation.OwnerKey), ("@brand", conversation.BrandId), ("@title", conversation.Title),
            ("@model", conversation.Model), ("@customer", conversation.CustomerId), ("@created", conversation.CreatedAt.UtcTicks), ("@updated", conversation.UpdatedAt.UtcTicks));

    public static Task InsertMessageAsync(ChatDbContext db, ConversationMessage message, CancellationToken cancellationToken) =>
        db.ExecuteAsync("""
            INSERT INTO messages ("Id", "ConversationId", "Role", "Content", "Status", "Model", "Agent", "Confidence", "Sources",
                "PromptTokens", "CompletionTokens", "ReplacesMessageId", "CreatedAt", "UpdatedAt", "Revision", "CreatedRevision")
            VALUES (@id, @conversation, @role, @content, @status, @model, @agent, @confidence, @sources,
                @prompt, @completion, @replaces, @created, @updated, @revision, @createdRevision)
            """, cancellationToken,
            ("@id", message.Id), ("@conversation", message.ConversationId), ("@role", message.Role.ToString()), ("@content", message.Content),
            ("@status", message.Status.ToString()), ("@model", message.Model), ("@agent", message.Agent), ("@confidence", message.Confidence),
            ("@sources", ChatDbContext.SerializeSources(message.Sources)), ("@prompt", message.PromptTokens), ("@completion", message.CompletionTokens),
            ("@replaces", message.ReplacesMessageId), ("@created", message.CreatedAt.UtcTicks), ("@updated", message.UpdatedAt.UtcTicks),
            ("@revision", message.Revision), ("@createdRevision", message.CreatedRevision));

    /// <summary>Writes what an answer's end changes: its text, status, grounding, usage and revision.</summary>
    public static async Task UpdateAnswerAsync(ChatDbContext db, ConversationMessage message, CancellationToken cancellationToken)
    {
        var updated = await db.ExecuteAsync("""
            UPDATE messages SET "Content" = @content, "Status" = @status, "Agent" = @agent, "Confidence" = @confidence, "Sources" = @sources,
                "PromptTokens" = @prompt, "CompletionTokens" = @completion, "UpdatedAt" = @updated, "Revision" = @revision
            WHERE "Id" = @id
            """, cancellationToken,
            ("@content", message.Content), ("@status", message.Status.ToString()), ("@agent", message.Agent), ("@confidence", message.Confidence),
            ("@sources", ChatDbContext.SerializeSources(message.Sources)), ("@prompt", message.PromptTokens), ("@completion", message.CompletionTokens),
            ("@updated", message.UpdatedAt.UtcTicks), ("@revision", message.Revision), ("@id", message.Id));
        if (updated != 1)
        {
            throw new InvalidOperationException($"Message {message.Id} does not exist.");
        }
    }

    public static Task TouchConversationAsync(ChatDbContext db, string conversationId, DateTimeOffset updatedAt, CancellationToken cancellationToken) =>
        db.ExecuteAsync("""UPDATE conversations SET "UpdatedAt" = @updated WHERE "Id" = @id""", cancellationToken,
            ("@updated", updatedAt.UtcTicks), ("@id", conversationId));
}
