using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage.Writes;

/// <summary>
/// One context and one transaction per unit of work, run at once. For PostgreSQL, whose row locks
/// let many writers proceed side by side (and across nodes), so there is nothing to queue for.
/// </summary>
internal sealed class TransactionPerWrite(IDbContextFactory<ChatDbContext> contexts) : StorageWriter
{
    public override async Task<T> RunAsync<T>(Func<ChatDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
