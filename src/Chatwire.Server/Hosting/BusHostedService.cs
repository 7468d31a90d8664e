using Chatwire.Core.Notifications;
using Chatwire.Core.Turns;
using Chatwire.Storage.Bus;

namespace Chatwire.Server.Hosting;

/// <summary>
/// Starts the bus before the server takes requests (the PostgreSQL listener is LISTENing by then)
/// and makes this node act on stop requests for the turns it runs.
/// </summary>
public sealed class BusHostedService(IChatBus bus, TurnStopper stopper) : IHostedService
{
    private IDisposable? _stops;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _stops = stopper.ListenForRemoteStops();
        if (bus is PostgresChatBus postgres)
        {
            await postgres.StartAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stops?.Dispose();
        return Task.CompletedTask;
    }
}
