using Chatwire.Core.Conversations;
using Chatwire.Core.Usage;
using Chatwire.Server.Tests.Support;
using Chatwire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Storage;

/// <summary>An <see cref="IChatStore"/> on a fresh database of either provider, migrated like the server does.</summary>
internal sealed class StoreScope : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _directory;

    private StoreScope(ServiceProvider services, string? directory)
    {
        _services = services;
        _directory = directory;
    }

    public IChatStore Store => _services.GetRequiredService<IChatStore>();

    public IUsageStore Usage => _services.GetRequiredService<IUsageStore>();

    /// <summary>The SQLite database file, for a connection of another "process".</summary>
    public string SqliteFile => Path.Combine(_directory ?? throw new InvalidOperationException("Not a SQLite store."), "chatwire.db");

    public static async Task<StoreScope> CreateAsync(string provider, PostgresCluster cluster)
    {
        var isPostgres = provider == "PostgreSQL";
        var directory = isPostgres ? null : Directory.CreateTempSubdirectory("chatwire-store-").FullName;
        var options = new DatabaseOptions
        {
            Provider = provider,
            DataDirectory = directory ?? "unused",
            ConnectionString = isPostgres ? await cluster.CreateDatabaseAsync() : null,
        };
        var services = new ServiceCollection().AddLogging().AddChatwireStorage(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new StoreScope(services, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
