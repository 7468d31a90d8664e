namespace Chatwire.Bench.Load;

/// <summary>A share driven in this process.</summary>
public sealed class LocalLoader(WorkerSpec spec) : ILoader
{
    private readonly LoadWorker _worker = new(spec);

    public Task<WorkerReport> ConnectAsync(CancellationToken cancellationToken) => _worker.ConnectAsync(cancellationToken);

    public Task<WorkerReport> StreamAsync(TimeSpan window, CancellationToken cancellationToken) => _worker.StreamAsync(window, cancellationToken);

    public ValueTask DisposeAsync() => _worker.DisposeAsync();
}
