using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage.Writes;

/// <summary>
/// SQLite's writes, queued and committed in groups by one writer: everything that arrived while the
/// previous group was committing runs in one transaction, each unit under its own savepoint.
/// </summary>
/// <remarks>
/// SQLite has a single writer. Letting callers race for it makes Microsoft.Data.Sqlite retry a busy
/// database with a synchronous <c>Thread.Sleep</c> on pool threads, which starved every stream
/// (docs/benchmarks.md); taking turns one transaction at a time fixed that but paid a connection,
/// a BEGIN and a COMMIT (with its WAL pages) per write, three times per chat turn, on one core.
/// Grouping pays them once per group, so the more turns start together, the cheaper each write.
/// A unit that fails rolls back to its savepoint and fails alone; a commit that fails fails the
/// group. Nobody hears "done" before the commit, so callers see the same durability as before.
/// </remarks>
internal sealed class SqliteGroupCommit : StorageWriter, IAsyncDisposable
{
    /// <summary>Bounds one transaction, so a long queue still commits (and answers) in steps.</summary>
    private const int MaxGroup = 128;

    /// <summary>Bounds the queue: past this, callers wait to enqueue instead of piling up memory.</summary>
    private const int MaxQueued = 8192;

    private const string Savepoint = "unit";

    private readonly IDbContextFactory<ChatDbContext> _contexts;
    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _pump;

    public SqliteGroupCommit(IDbContextFactory<ChatDbContext> contexts)
    {
        _contexts = contexts;
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

            await CommitAsync(group);
            group.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            // A lone unit needs no savepoint: the transaction is its boundary.
            var isolate = group.Count > 1;
            foreach (var write in group)
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Fail(new OperationCanceledException(write.CancellationToken));
                    continue;
                }

                if (isolate)
                {
                    await transaction.CreateSavepointAsync(Savepoint);
                }

                try
                {
                    await write.RunAsync(db);
                    if (isolate)
                    {
                        await transaction.ReleaseSavepointAsync(Savepoint);
                    }
                }
                catch (Exception exception)
                {
                    write.Fail(exception);
                    if (!isolate)
                    {
                        return;
                    }

                    await transaction.RollbackToSavepointAsync(Savepoint);
                    await transaction.ReleaseSavepointAsync(Savepoint);
                }
                finally
                {
                    // Each unit starts from a clean context: nothing it tracked is saved by the next.
                    db.ChangeTracker.Clear();
                }
            }

            await transaction.CommitAsync();
            foreach (var write in group)
            {
                write.Complete();
            }
        }
        catch (Exception exception)
        {
            foreach (var write in group)
            {
                write.Fail(exception);
            }
        }
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
