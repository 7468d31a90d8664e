using Chatwire.Core.Usage;
using Chatwire.Storage.Writes;
using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage.Usage;

/// <summary>
/// <see cref="IUsageStore"/> on EF Core. Every change is a single guarded UPDATE (or an INSERT that a
/// unique key makes happen once), so it holds with many turns and many nodes on one database. Writes
/// are units of work on the <see cref="StorageWriter"/>, which owns their transactions.
/// </summary>
internal sealed class EfUsageStore(IDbContextFactory<ChatDbContext> contexts, StorageWriter writer, DatabaseOptions database, TimeProvider time)
    : IUsageStore, IDisposable
{
    private const decimal MicrosPerCredit = 1_000_000m;

    // Asked before every turn of a signed-in user. On SQLite, from connections kept open with the
    // query prepared; on PostgreSQL, a query compiled once (per store, not static: a compiled
    // query keeps the SQL of the first provider it ran on, and one process may hold stores of both).
    private readonly SqliteBalanceReader? _sqliteBalances = database.IsPostgreSql ? null
        : new SqliteBalanceReader(StorageServiceCollectionExtensions.SqliteConnectionString(database));

    private readonly Func<ChatDbContext, string, CancellationToken, Task<long?>> _balanceOf =
        EF.CompileAsyncQuery((ChatDbContext db, string userId, CancellationToken _) =>
            db.CreditAccounts.Where(a => a.UserId == userId).Select(a => (long?)a.BalanceMicros).FirstOrDefault());

    public async Task<int?> TryCountAnonymousMessageAsync(string anonId, DateOnly day, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return null;
        }

        var dayKey = DayKey(day);
        return await writer.RunAsync<int?>(async (db, token) =>
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                // A row from an earlier day starts over at 1; today's row only grows while under the limit.
                var updated = await db.AnonymousQuotas
                    .Where(q => q.AnonId == anonId && (q.Day != dayKey || q.Used < limit))
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(q => q.Used, q => q.Day == dayKey ? q.Used + 1 : 1)
                        .SetProperty(q => q.Day, dayKey), token);
                if (updated == 1)
                {
                    return await db.AnonymousQuotas.Where(q => q.AnonId == anonId).Select(q => q.Used).FirstAsync(token);
                }

                if (await db.AnonymousQuotas.AnyAsync(q => q.AnonId == anonId, token))
                {
                    return null;
                }

                db.AnonymousQuotas.Add(new AnonymousQuota { AnonId = anonId, Day = dayKey, Used = 1 });
                try
                {
                    await db.SaveChangesAsync(token);
                    return 1;
                }
                catch (DbUpdateException)
                {
                    // Another node created the visitor's row first (EF rolled back to its savepoint):
                    // count against that row.
                    db.ChangeTracker.Clear();
                }
            }

            return null;
        }, cancellationToken);
    }

    public async Task<int> GetAnonymousMessagesAsync(string anonId, DateOnly day, CancellationToken cancellationToken)
    {
        var dayKey = DayKey(day);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AnonymousQuotas.Where(q => q.AnonId == anonId && q.Day == dayKey).Select(q => q.Used).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<decimal> GetBalanceAsync(string userId, decimal startingBalance, CancellationToken cancellationToken)
    {
        if (await ReadBalanceMicrosAsync(userId, cancellationToken) is { } micros)
        {
            return micros / MicrosPerCredit;
        }

        // Only a user's first look opens the account, and that is a write.
        return await writer.RunAsync(async (db, token) =>
        {
            await EnsureAccountAsync(db, userId, startingBalance, token);
            return await ReadBalanceAsync(db, userId, token);
        }, cancellationToken);
    }

    public Task<decimal> ChargeAsync(string userId, string messageId, decimal amount, decimal startingBalance, CancellationToken cancellationToken)
    {
        var micros = (long)decimal.Ceiling(Math.Max(0m, amount) * MicrosPerCredit);
        return writer.RunAsync(async (db, token) =>
        {
            await EnsureAccountAsync(db, userId, startingBalance, token);
            var now = time.GetUtcNow().UtcTicks;
            // The unique MessageId makes the second charge of one message a no-op.
            var charged = await db.ExecuteAsync("""
                INSERT INTO credit_entries ("Id", "UserId", "AmountMicros", "Kind", "MessageId", "CreatedAt")
                VALUES (@id, @user, @amount, 'charge', @message, @now)
                ON CONFLICT ("MessageId") DO NOTHING
                """, token, ("@id", NewEntryId()), ("@user", userId), ("@amount", -micros), ("@message", messageId), ("@now", now));
            if (charged == 0)
            {
                return await ReadBalanceAsync(db, userId, token);
            }

            // Never below zero, decided by the database on the current row, not on a value read earlier.
            var balance = await db.ScalarAsync("""
                UPDATE credit_accounts
                SET "BalanceMicros" = CASE WHEN "BalanceMicros" > @amount THEN "BalanceMicros" - @amount ELSE 0 END, "UpdatedAt" = @now
                WHERE "UserId" = @user
                RETURNING "BalanceMicros"
                """, token, ("@amount", micros), ("@now", now), ("@user", userId));
            return balance!.Value / MicrosPerCredit;
        }, cancellationToken);
    }

    public Task<decimal> GrantAsync(string userId, decimal amount, decimal startingBalance, CancellationToken cancellationToken)
    {
        var micros = ToMicros(amount);
        return writer.RunAsync(async (db, token) =>
        {
            await EnsureAccountAsync(db, userId, startingBalance, token);
            var now = time.GetUtcNow();
            db.CreditEntries.Add(new CreditEntry { Id = NewEntryId(), UserId = userId, AmountMicros = micros, Kind = "grant", CreatedAt = now });
            await db.SaveChangesAsync(token);
            await db.CreditAccounts.Where(a => a.UserId == userId).ExecuteUpdateAsync(set => set
                .SetProperty(a => a.BalanceMicros, a => a.BalanceMicros + micros)
                .SetProperty(a => a.UpdatedAt, now), token);
            return await ReadBalanceAsync(db, userId, token);
        }, cancellationToken);
    }

    public void Dispose() => _sqliteBalances?.Dispose();

    private async Task<long?> ReadBalanceMicrosAsync(string userId, CancellationToken cancellationToken)
    {
        if (_sqliteBalances is { } reader)
        {
            return await reader.ReadAsync(userId, cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await _balanceOf(db, userId, cancellationToken);
    }

    /// <summary>Opens the account with the starting balance (and its ledger entry) unless it exists.</summary>
    private async Task EnsureAccountAsync(ChatDbContext db, string userId, decimal startingBalance, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        var micros = ToMicros(startingBalance);
        // A concurrent turn (or node) that opened it a moment ago wins; its starting entry stands.
        var opened = await db.ExecuteAsync("""
            INSERT INTO credit_accounts ("UserId", "BalanceMicros", "CreatedAt", "UpdatedAt") VALUES (@user, @amount, @now, @now)
            ON CONFLICT ("UserId") DO NOTHING
            """, cancellationToken, ("@user", userId), ("@amount", micros), ("@now", now));
        if (opened == 1)
        {
            await db.ExecuteAsync("""
                INSERT INTO credit_entries ("Id", "UserId", "AmountMicros", "Kind", "MessageId", "CreatedAt")
                VALUES (@id, @user, @amount, 'start', NULL, @now)
                """, cancellationToken, ("@id", NewEntryId()), ("@user", userId), ("@amount", micros), ("@now", now));
        }
    }

    private static string NewEntryId() => Guid.CreateVersion7().ToString();

    private static async Task<decimal> ReadBalanceAsync(ChatDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.CreditAccounts.Where(a => a.UserId == userId).Select(a => a.BalanceMicros).FirstAsync(cancellationToken) / MicrosPerCredit;

    private static long ToMicros(decimal credits) => (long)decimal.Round(credits * MicrosPerCredit, MidpointRounding.AwayFromZero);

    private static int DayKey(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;
}
