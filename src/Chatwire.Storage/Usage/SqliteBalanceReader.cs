using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Chatwire.Storage.Usage;

/// <summary>
/// The balance read before every signed-in turn, on SQLite: a few connections kept open with the
/// query prepared on each. Renting a pooled EF context and opening a connection for it cost five
/// times the query itself (docs/benchmarks.md). Idle connections hold no transaction, so they
/// never hold back a WAL checkpoint.
/// </summary>
internal sealed class SqliteBalanceReader(string connectionString) : IDisposable
{
    /// <summary>Reads are synchronous under SQLite's async API, so few run at once; more are opened and closed.</summary>
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<SqliteCommand> _idle = [];

    /// <summary>The balance in micro-credits, or null when the user has no account yet.</summary>
    public async Task<long?> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        var command = _idle.TryTake(out var idle) ? idle : await OpenAsync(cancellationToken);
        try
        {
            command.Parameters[0].Value = userId;
            var balance = await command.ExecuteScalarAsync(cancellationToken) as long?;
            Return(command);
            return balance;
        }
        catch (Exception)
        {
            Close(command);
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var command))
        {
            Close(command);
        }
    }

    private async Task<SqliteCommand> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var command = connection.CreateCommand();
        command.CommandText = """SELECT "BalanceMicros" FROM credit_accounts WHERE "UserId" = @user""";
        command.Parameters.Add(new SqliteParameter("@user", SqliteType.Text));
        return command;
    }

    private void Return(SqliteCommand command)
    {
        if (_idle.Count < MaxIdle)
        {
            _idle.Add(command);
        }
        else
        {
            Close(command);
        }
    }

    private static void Close(SqliteCommand command)
    {
        var connection = command.Connection;
        command.Dispose();
        connection?.Dispose();
    }
}
