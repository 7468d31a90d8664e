using System.Data.Common;
using Chatwire.Core.Conversations;
using Chatwire.Core.Usage;
using Chatwire.Storage.Usage;
using Chatwire.Storage.Writes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Chatwire.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IChatStore"/> on SQLite (default) or PostgreSQL as <paramref name="options"/> say.</summary>
    public static IServiceCollection AddChatwireStorage(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.AddPooledDbContextFactory<ChatDbContext>(builder =>
        {
            if (options.IsPostgreSql)
            {
                var connectionString = options.ConnectionString
                    ?? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is PostgreSQL.");
                builder.UseNpgsql(PostgreSqlConnectionString(connectionString));
            }
            else
            {
                builder.UseSqlite(SqliteConnectionString(options)).AddInterceptors(new SqliteConnectionSettings());
            }

            // Migrations are hand-written without a model snapshot, so EF cannot diff the model itself.
            builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddSingleton<StorageWriter>(provider =>
        {
            var contexts = provider.GetRequiredService<IDbContextFactory<ChatDbContext>>();
            return options.IsPostgreSql ? new TransactionPerWrite(contexts) : new SqliteGroupCommit(SqliteConnectionString(options));
        });
        services.AddSingleton<IChatStore, EfChatStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IUsageStore, EfUsageStore>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// The configured connection string, with Npgsql's automatic statement preparation on unless it
    /// says otherwise: every turn runs the same handful of statements, and preparing them once per
    /// connection took 35% off Chatwire's CPU per answer under load (docs/benchmarks.md). A pooler in
    /// transaction mode (PgBouncer) needs <c>Max Auto Prepare=0</c>.
    /// </summary>
    internal static string PostgreSqlConnectionString(string configured)
    {
        const string AutoPrepare = "Max Auto Prepare";
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!new DbConnectionStringBuilder { ConnectionString = configured }.ContainsKey(AutoPrepare))
        {
            builder.MaxAutoPrepare = 32;
        }

        return builder.ConnectionString;
    }

    internal static string SqliteConnectionString(DatabaseOptions options)
    {
        if (options.ConnectionString is { } configured)
        {
            return configured;
        }

        var file = Path.GetFullPath(Path.Combine(options.DataDirectory, "chatwire.db"));
        return new SqliteConnectionStringBuilder { DataSource = file, Cache = SqliteCacheMode.Private, DefaultTimeout = 30 }.ToString();
    }
}
