using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage;

/// <summary>Creates the data folder and database on first start and applies pending migrations.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<ChatDbContext> contexts, DatabaseOptions options)
{
    /// <summary>The advisory lock nodes sharing a PostgreSQL database take to migrate one at a time.</summary>
    private const long MigrationLock = 0x43686174_77697265; // "Chatwire"

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!options.IsPostgreSql)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (options.IsPostgreSql)
        {
            // Several nodes starting together would race to create the same tables; the lock is held by
            // this connection's session, so the next node migrates (finding nothing to do) once we are done.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (!options.IsPostgreSql)
        {
            // WAL lets readers (history pages) run while a turn is being written; the mode sticks to the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
