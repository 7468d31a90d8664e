using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chatwire.Storage.Writes;

/// <summary>
/// The SQLite writer's own connection, kept open between groups so the statements a turn writes
/// stay prepared on it (<see cref="SqliteStatements"/>). After a failure that may have been the connection's, <see cref="ResetAsync"/>
/// drops it and the next group opens a fresh one.
/// </summary>
internal sealed class SqliteWriterConnection(string connectionString) : IAsyncDisposable
{
    private readonly SqliteStatements _statements = new();
    private SqliteConnection? _connection;
    private DbContextOptions<ChatDbContext>? _options;

    /// <summary>A context on the writer's connection, opening it first if needed.</summary>
    public async Task<ChatDbContext> CreateContextAsync()
    {
        if (_connection is null || _options is null)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync();
                await SqliteConnectionSettings.ApplyAsync(connection, CancellationToken.None);
            }
            catch (Exception)
            {
                await connection.DisposeAsync();
                throw;
            }

            _options = new DbContextOptionsBuilder<ChatDbContext>()
                .UseSqlite(connection)
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
                .Options;
            _connection = connection;
        }

        return new ChatDbContext(_options) { Statements = _statements };
    }

    public async Task ResetAsync()
    {
        _statements.Clear();
        _options = null;
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(ResetAsync());
}
