using System.Data.Common;

namespace Chatwire.Storage.Writes;

/// <summary>
/// <see cref="UnitSql"/>'s commands by SQL text, kept on one long-lived connection so each statement
/// is parsed and planned once, not on every turn. Used by one writer at a time: not thread-safe.
/// </summary>
internal sealed class UnitCommandCache : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, bound to the transaction and the values given.</summary>
    public DbCommand Get(DbTransaction transaction, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (_commands.TryGetValue(sql, out var command) && command.Connection == transaction.Connection)
        {
            // A call site passes the same parameters in the same order every time.
            command.Transaction = transaction;
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }

            return command;
        }

        command?.Dispose();
        command = UnitSql.Create(transaction, sql, parameters);
        _commands[sql] = command;
        return command;
    }

    /// <summary>Disposes every cached command; the cache stays usable for the next connection.</summary>
    public void Clear()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    public void Dispose() => Clear();
}
