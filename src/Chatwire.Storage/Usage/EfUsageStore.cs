using Chatwire.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage.Usage;

/// <summary>
/// <see cref="IUsageStore"/> on EF Core. Every change is a single guarded UPDATE (or an INSERT that a
/// unique key makes happen once), so it holds with many turns and many nodes on one database.
/// </summary>
public sealed class EfUsageStore(IDbContextFactory<ChatDbContext> contexts, SqliteWriteGate writes, TimeProvider time) : IUsageStore
{
    private const decimal MicrosPerCredit = 1_000_000m;

    public async Task<int?> TryCountAnonymousMessageAsync(string anonId, DateOnly day, int limit, CancellationToken cancellationToken)
    {
        using var writing = await writes.EnterAsync(cancellationToken);
        if (limit <= 0)
        {
            return null;
        }

        var dayKey = DayKey(day);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // A row from an earlier day starts over at 1; today's row only grows while under the limit.
            var updated = await db.AnonymousQuotas
                .Where(q => q.AnonId == anonId && (q.Day != dayKey || q.Used < limit))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(q => q.Used, q => q.Day == dayKey ? q.Used + 1 : 1)
                    .SetProperty(q => q.Day, dayKey), cancellationToken);
            if (updated == 1)
            {
                return await db.AnonymousQuotas.Where(q => q.AnonId == anonId).Select(q => q.Used).FirstAsync(cancellationToken);
            }

            if (await db.AnonymousQuotas.AnyAsync(q => q.AnonId == anonId, cancellationToken))
            {
                return null;
            }

            db.AnonymousQuotas.Add(new AnonymousQuota { AnonId = anonId, Day = dayKey, Used = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return 1;
            }
            catch (DbUpdateException)
            {
                // Another turn of the same visitor created the row first: count against it.
            }
        }

        return null;
    }

    public async Task<int> GetAnonymousMessagesAsync(string anonId, DateOnly day, CancellationToken cancellationToken)
    {
        var dayKey = DayKey(day);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AnonymousQuotas.Where(q => q.AnonId == anonId && q.Day == dayKey).Select(q => q.Used).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<decimal> GetBalanceAsync(string userId, decimal startingBalance, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.CreditAccounts.AnyAsync(a => a.UserId == userId, cancellationToken))
        {
            // Only a user's first look opens the account: a write, so it takes the write turn.
            using var writing = await writes.EnterAsync(cancellationToken);
            await EnsureAccountAsync(db, userId, startingBalance, cancellationToken);
        }

        return await ReadBalanceAsync(db, userId, cancellationToken);
    }

    public async Task<decimal> ChargeAsync(string userId, string messageId, decimal amount, decimal startingBalance, CancellationToken cancellationToken)
    {
        using var writing = await writes.EnterAsync(cancellationToken);
        var micros = (long)decimal.Ceiling(Math.Max(0m, amount) * MicrosPerCredit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureAccountAsync(db, userId, startingBalance, cancellationToken);
        var now = time.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.CreditEntries.Add(new CreditEntry { Id = Guid.CreateVersion7().ToString(), UserId = userId, AmountMicros = -micros, Kind = "charge", MessageId = messageId, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // This message was charged already: the unique MessageId refused the second entry.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await ReadBalanceAsync(db, userId, cancellationToken);
            }

            // Never below zero, decided by the database on the current row, not on a value read earlier.
            await db.CreditAccounts.Where(a => a.UserId == userId).ExecuteUpdateAsync(set => set
                .SetProperty(a => a.BalanceMicros, a => a.BalanceMicros > micros ? a.BalanceMicros - micros : 0L)
                .SetProperty(a => a.UpdatedAt, now), cancellationToken);
            var balance = await ReadBalanceAsync(db, userId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return balance;
        }
    }

    public async Task<decimal> GrantAsync(string userId, decimal amount, decimal startingBalance, CancellationToken cancellationToken)
    {
        using var writing = await writes.EnterAsync(cancellationToken);
        var micros = ToMicros(amount);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureAccountAsync(db, userId, startingBalance, cancellationToken);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.CreditEntries.Add(new CreditEntry { Id = Guid.CreateVersion7().ToString(), UserId = userId, AmountMicros = micros, Kind = "grant", CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await db.CreditAccounts.Where(a => a.UserId == userId).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.BalanceMicros, a => a.BalanceMicros + micros)
            .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        var balance = await ReadBalanceAsync(db, userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return balance;
    }

    /// <summary>Opens the account with the starting balance (and its ledger entry) unless it exists.</summary>
    private async Task EnsureAccountAsync(ChatDbContext db, string userId, decimal startingBalance, CancellationToken cancellationToken)
    {
        if (await db.CreditAccounts.AnyAsync(a => a.UserId == userId, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var micros = ToMicros(startingBalance);
        db.CreditAccounts.Add(new CreditAccount { UserId = userId, BalanceMicros = micros, CreatedAt = now, UpdatedAt = now });
        db.CreditEntries.Add(new CreditEntry { Id = Guid.CreateVersion7().ToString(), UserId = userId, AmountMicros = micros, Kind = "start", CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Opened by a concurrent turn a moment ago; theirs stands.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<decimal> ReadBalanceAsync(ChatDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.CreditAccounts.Where(a => a.UserId == userId).Select(a => a.BalanceMicros).FirstAsync(cancellationToken) / MicrosPerCredit;

    private static long ToMicros(decimal credits) => (long)decimal.Round(credits * MicrosPerCredit, MidpointRounding.AwayFromZero);

    private static int DayKey(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;
}
