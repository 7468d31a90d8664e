namespace Chatwire.Bench.Load;

/// <summary>
/// All the clients of one run, split over as many loader processes as the open-file limit needs
/// (or <c>--per-process</c> asks): the first share runs in this process, the rest in workers.
/// </summary>
public sealed class LoaderPool : IAsyncDisposable
{
    private readonly List<ILoader> _loaders = [];

    public LoaderPool(WorkerSpec spec, int perProcess)
    {
        var shares = Math.Max(1, (spec.Connections + perProcess - 1) / perProcess);
        for (var i = 0; i < shares; i++)
        {
            var first = (int)((long)spec.Connections * i / shares);
            var next = (int)((long)spec.Connections * (i + 1) / shares);
            var share = spec.Share(next - first, first);
            _loaders.Add(i == 0 ? new LocalLoader(share) : new ChildLoader(share));
        }
    }

    public int Processes => _loaders.Count;

    /// <summary>Process ids of the worker processes (not this one), for their CPU time.</summary>
    public IEnumerable<int> WorkerProcessIds => _loaders.OfType<ChildLoader>().Select(l => l.ProcessId);

    public async Task<LoadStats> ConnectAsync(CancellationToken cancellationToken) =>
        Merge(await Task.WhenAll(_loaders.Select(l => l.ConnectAsync(cancellationToken))));

    public async Task<LoadStats> StreamAsync(TimeSpan window, CancellationToken cancellationToken) =>
        Merge(await Task.WhenAll(_loaders.Select(l => l.StreamAsync(window, cancellationToken))));

    private static LoadStats Merge(IEnumerable<WorkerReport> reports)
    {
        var stats = new LoadStats();
        foreach (var report in reports)
        {
            stats.Add(report);
        }

        return stats;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_loaders.Select(l => l.DisposeAsync().AsTask()));
        _loaders.Clear();
    }
}
