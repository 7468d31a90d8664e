using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Chatwire.Storage.Writes;

/// <summary>
/// The SQLite writer's statements, prepared once on its connection and bound straight through
/// SQLitePCL. Microsoft.Data.Sqlite binds every parameter of every execution through a new binder
/// object and a UTF-8 copy of each string: about a seventh of all a turn allocated
/// (docs/benchmarks.md, allocations). Here strings are read in place (<c>bind_text16</c>) and SQLite
/// keeps its own copy until the statement is reset. Values are stored as Microsoft.Data.Sqlite
/// stores them (text, integer, real, null); a value of any other type leaves the statement to it
/// (<see cref="TryExecute"/> returns false). They run inside the writer's transaction, which
/// Microsoft.Data.Sqlite begins <c>IMMEDIATE</c>, waiting out another process's write lock with its
/// retries: by the first statement the lock is held, so none of these meets a busy database.
/// Used by one writer at a time: not thread-safe.
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);
    private sqlite3? _database;

    /// <summary>
    /// Runs <paramref name="sql"/> on <paramref name="connection"/> (inside its open transaction);
    /// <paramref name="scalar"/> is the first column of the first row, if any. False, with nothing
    /// run, when a value has a type this does not bind.
    /// </summary>
    public bool TryExecute(SqliteConnection connection, string sql, ReadOnlySpan<(string Name, object? Value)> parameters, out int changes, out long? scalar)
    {
        (changes, scalar) = (0, null);
        foreach (var (_, value) in parameters)
        {
            if (value is not (null or string or long or int or double or bool))
            {
                return false;
            }
        }

        var database = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open.");
        if (!ReferenceEquals(database, _database))
        {
            // A new connection after a failure: statements belong to the connection they were prepared on.
            Clear();
            _database = database;
        }

        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = Statement.Prepare(database, sql, parameters);
            _statements[sql] = statement;
        }

        try
        {
            Bind(database, statement, parameters);
            var result = raw.sqlite3_step(statement.Handle);
            if (result == raw.SQLITE_ROW)
            {
                scalar = raw.sqlite3_column_type(statement.Handle, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(statement.Handle, 0);
            }

            // Run to the end, so the statement is complete and its change count is its own.
            while (result == raw.SQLITE_ROW)
            {
                result = raw.sqlite3_step(statement.Handle);
            }

            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, database);
            }

            changes = raw.sqlite3_changes(database);
            return true;
        }
        finally
        {
            raw.sqlite3_reset(statement.Handle);
            raw.sqlite3_clear_bindings(statement.Handle);
        }
    }

    private static void Bind(sqlite3 database, Statement statement, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        // A call site passes the same parameters in the same order every time: the indexes were found once, at preparation.
        for (var i = 0; i < parameters.Length; i++)
        {
            var index = statement.Indexes[i];
            var result = parameters[i].Value switch
            {
                null => raw.sqlite3_bind_null(statement.Handle, index),
                // An empty span may pin as a null pointer, which SQLite binds as NULL: "" goes the long way.
                "" => raw.sqlite3_bind_text(statement.Handle, index, ""),
                string text => raw.sqlite3_bind_text16(statement.Handle, index, text.AsSpan()),
                long number => raw.sqlite3_bind_int64(statement.Handle, index, number),
                int number => raw.sqlite3_bind_int64(statement.Handle, index, number),
                bool flag => raw.sqlite3_bind_int64(statement.Handle, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement.Handle, index, real),
                _ => throw new InvalidOperationException("Checked by TryExecute."),
            };
            if (result != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(result, database);
            }
        }
    }

    /// <summary>Finalizes every statement; must run before the connection closes.</summary>
    public void Clear()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Handle.Dispose();
        }

        _statements.Clear();
        _database = null;
    }

    public void Dispose() => Clear();

    private sealed record Statement(sqlite3_stmt Handle, int[] Indexes)
    {
        public static Statement Prepare(sqlite3 database, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
        {
            var result = raw.sqlite3_prepare_v2(database, sql, out var handle, out var tail);
            if (result != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(result, database);
            }

            if (!string.IsNullOrWhiteSpace(tail))
            {
                handle.Dispose();
                throw new InvalidOperationException("Unit SQL is one statement.");
            }

            var indexes = new int[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                indexes[i] = raw.sqlite3_bind_parameter_index(handle, parameters[i].Name);
                if (indexes[i] == 0)
                {
                    handle.Dispose();
                    throw new InvalidOperationException($"The statement has no parameter {parameters[i].Name}.");
                }
            }

            return new Statement(handle, indexes);
        }
    }
}
