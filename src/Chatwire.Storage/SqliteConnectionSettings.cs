using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chatwire.Storage;

/// <summary>
/// Per-connection SQLite settings (pragmas do not persist in the file). With WAL,
/// <c>synchronous=NORMAL</c> syncs at checkpoints rather than at every commit: a crash of the
/// process loses nothing, a power cut may lose the last commits, and the database never corrupts.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    /// <summary>For a connection opened outside EF (the writer's own).</summary>
    public static async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
