namespace Chatwire.Storage.Writes;

/// <summary>
/// Runs a unit of write work inside a transaction the writer owns: the work reads and writes through
/// the context it is given, never begins or commits a transaction itself, and its result is
/// returned only once its changes are committed. A unit may run more than once (a group whose
/// unit failed runs again unit by unit), so it computes what it writes inside itself and has no
/// effect outside the database. How writes are grouped is the provider's business
/// (<see cref="SqliteGroupCommit"/>, <see cref="TransactionPerWrite"/>).
/// </summary>
internal abstract class StorageWriter
{
    public abstract Task<T> RunAsync<T>(Func<ChatDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    public Task RunAsync(Func<ChatDbContext, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async (db, token) =>
        {
            await work(db, token);
            return true;
        }, cancellationToken);
}
