namespace Chatwire.Storage;

/// <summary>
/// Lets one SQLite write transaction run at a time, waiting asynchronously. SQLite has a single
/// writer; without this, a second writer gets SQLITE_BUSY and Microsoft.Data.Sqlite retries it
/// with a synchronous <c>Thread.Sleep</c> on a thread-pool thread, so hundreds of turns starting
/// together put the pool to sleep and starve every stream (see docs/benchmarks.md). PostgreSQL
/// has row locks and needs no gate: there, <see cref="EnterAsync"/> returns at once.
/// </summary>
public sealed class SqliteWriteGate(DatabaseOptions options)
{
    private readonly SemaphoreSlim? _writer = options.IsPostgreSql ? null : new SemaphoreSlim(1, 1);

    /// <summary>Waits for the write turn; dispose the result to pass it on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return default;
        }

        await _writer.WaitAsync(cancellationToken);
        return new Turn(_writer);
    }

    public readonly struct Turn(SemaphoreSlim? writer) : IDisposable
    {
        public void Dispose() => writer?.Release();
    }
}
