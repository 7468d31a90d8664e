using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage.Writes;

/// <summary>
/// SQLite's writes, queued and committed in groups by one writer: everything that arrived while the
/// previous group was committing runs in one transaction.
/// </summary>
/// <remarks>
/// SQLite has a single writer. Letting callers race for it makes Microsoft.Data.Sqlite retry a busy
/// database with a synchronous <c>Thread.Sleep</c> on pool threads, which starved every stream
/// (docs/benchmarks.md); taking turns one transaction at a time fixed that but paid a connection,
/// a BEGIN and a COMMIT (with its WAL pages) per write, three times per chat turn, on one core.
/// Grouping pays them once per group, so the more turns start together, the cheaper each write.
/// When a unit fails, the group's transaction is rolled back and every unit runs again in a
/// transaction of its own, so only the failing unit fails (units are re-runnable: they compute
/// everything they write inside the transaction). A commit that fails fails the group. Nobody
/// hears "done" before the commit, so callers see the same durability as before.
/// </remarks>
internal sealed class SqliteGroupCommit : StorageWriter, IAsyncDisposable
{
    /// <summary>Bounds one transaction, so a long queue still commits (and answers) in steps.</summary>
    private const int MaxGroup = 128;

    /// <summary>Bounds the queue: past this, callers wait to enqueue instead of piling up memory.</summary>
    private const int MaxQueued = 8192;

    private readonly SqliteWriterConnection _connection;
    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _pump;

    public SqliteGroupCommit(string connectionString)
    {
        _connection = new SqliteWriterConnection(connectionString);
        _pump = Task.Run(PumpAsync);
    }

    public override async Task<T> RunAsync<T>(Func<ChatDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(write, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommit), "The database writer has shut down.");
        }

        return await write.Result;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
        await _connection.DisposeAsync();
    }

    private async Task PumpAsync()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var write))
            {
                group.Add(write);
            }

            try
            {
                await CommitAsync(group);
            }
            catch (Exception exception)
            {
                // Not expected (every path above settles its units), but the writer must outlive
                // any one group: a dead pump would leave every later write waiting for ever.
                foreach (var write in group)
                {
                    write.Fail(exception);
                }
            }

            group.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        group.RemoveAll(write =>
        {
            if (!write.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            write.Fail(new OperationCanceledException(write.CancellationToken));
            return true;
        });

        if (group.Count == 1)
        {
            await CommitAloneAsync(group[0]);
        }
        else if (group.Count > 1 && !await TryCommitTogetherAsync(group))
        {
            // A unit failed and took the group's transaction with it: run each alone, so only the
            // failing one fails. Failures are rare, so the common case pays no savepoints.
            foreach (var write in group)
            {
                await CommitAloneAsync(write);
            }
        }
    }

    /// <summary>After any failure: the connection may be what failed, so the next group gets a new one.</summary>
    private async Task FailedAsync()
    {
        try
        {
            await _connection.ResetAsync();
        }
        catch (Exception)
        {
            // Closing a broken connection can fail too; the next group opens a fresh one either way.
        }
    }

    /// <summary>Runs the whole group in one transaction; false, with nothing committed, if a unit failed.</summary>
    private async Task<bool> TryCommitTogetherAsync(List<PendingWrite> group)
    {
        try
        {
            await using var db = await _connection.CreateContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var write in group)
            {
                try
                {
                    await write.RunAsync(db);
                }
                catch (Exception)
                {
                    await transaction.RollbackAsync();
                    return false;
                }
                finally
                {
                    // Each unit starts from a clean context: nothing it tracked is saved by the next.
                    db.ChangeTracker.Clear();
                }
            }

            await transaction.CommitAsync();
        }
        catch (Exception exception)
        {
            // The database itself failed (no connection, no transaction, or the commit): so does every unit.
            foreach (var write in group)
            {
                write.Fail(exception);
            }

            await FailedAsync();
            return true;
        }

        foreach (var write in group)
        {
            write.Complete();
        }

        return true;
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        try
        {
            await using var db = await _connection.CreateContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await write.RunAsync(db);
            await transaction.CommitAsync();
        }
        catch (Exception exception)
        {
            write.Fail(exception);
            await FailedAsync();
            return;
        }

        write.Complete();
    }

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>Runs the work; its result is held until <see cref="Complete"/>.</summary>
        public abstract Task RunAsync(ChatDbContext db);

        /// <summary>Hands the held result to the caller, now that it is committed.</summary>
        public abstract void Complete();

        /// <summary>Fails the caller unless it already has its answer.</summary>
        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<ChatDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        // Continuations run on the pool, not inline on the writer, which has the next group to commit.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _ran;
        private T? _value;

        public Task<T> Result => _result.Task;

        public override async Task RunAsync(ChatDbContext db)
        {
            _ran = false;
            _value = await work(db, CancellationToken);
            _ran = true;
        }

        public override void Complete()
        {
            if (_ran)
            {
                _result.TrySetResult(_value!);
            }
        }

        public override void Fail(Exception exception)
        {
            if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
            {
                _result.TrySetCanceled(CancellationToken);
            }
            else
            {
                _result.TrySetException(exception);
            }
        }
    }
}
