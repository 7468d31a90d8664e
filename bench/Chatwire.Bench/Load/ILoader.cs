namespace Chatwire.Bench.Load;

/// <summary>A share of the clients, driven in this process or in a worker process.</summary>
public interface ILoader : IAsyncDisposable
{
    Task<WorkerReport> ConnectAsync(CancellationToken cancellationToken);

    Task<WorkerReport> StreamAsync(TimeSpan window, CancellationToken cancellationToken);
}
