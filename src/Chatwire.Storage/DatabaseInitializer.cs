using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage;

/// <summary>Creates the data folder and database on first start and applies pending migrations.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<ChatDbContext> contexts, DatabaseOptions options)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!options.IsPostgreSql)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (!options.IsPostgreSql)
        {
            // WAL lets readers (history pages) run while a turn is being written; the mode sticks to the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
