using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chatwire.Storage.Writes;

/// <summary>
/// Plain parameterised SQL on a unit of work's own connection and transaction, for the writes every
/// chat turn makes: there, EF's change tracking and LINQ translation cost several times the
/// statement itself (docs/benchmarks.md). The SQL is written for both providers: quoted column
/// names, <c>@name</c> parameters, <c>ON CONFLICT</c> and <c>RETURNING</c>. On the SQLite writer's
/// connection the statements stay prepared between turns and are bound straight through SQLitePCL
/// (<see cref="ChatDbContext.Statements"/>); elsewhere, or for a value of a type those do not bind,
/// each runs as a command of its own.
/// </summary>
internal static class UnitSql
{
    // The parameters arrive as a span (no array per statement) and are bound before the first await:
    // an async method cannot take a span, so the awaiting is in the methods below.
    public static Task<int> ExecuteAsync(this ChatDbContext db, string sql, CancellationToken cancellationToken, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        TryDirect(db, sql, parameters, out var changes, out _)
            ? Task.FromResult(changes)
            : ExecuteAsync(Create(Transaction(db), sql, parameters), cancellationToken);

    /// <summary>The first column of the first row, or null when there is no row.</summary>
    public static Task<long?> ScalarAsync(this ChatDbContext db, string sql, CancellationToken cancellationToken, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        TryDirect(db, sql, parameters, out _, out var scalar)
            ? Task.FromResult(scalar)
            : ScalarAsync(Create(Transaction(db), sql, parameters), cancellationToken);

    // On the SQLite writer's connection, through SQLitePCL (SqliteStatements); SQLite runs a statement synchronously either way.
    private static bool TryDirect(ChatDbContext db, string sql, ReadOnlySpan<(string Name, object? Value)> parameters, out int changes, out long? scalar)
    {
        (changes, scalar) = (0, null);
        return db.Statements is { } statements
            && Transaction(db).Connection is SqliteConnection connection
            && statements.TryExecute(connection, sql, parameters, out changes, out scalar);
    }

    private static DbTransaction Transaction(ChatDbContext db) =>
        db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Unit SQL runs inside the storage writer's transaction.");

    private static async Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<long?> ScalarAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value) : null;
        }
    }

    private static DbCommand Create(DbTransaction transaction, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
