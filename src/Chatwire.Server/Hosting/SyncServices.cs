using Chatwire.Core.Notifications;
using Chatwire.Core.Sync;
using Chatwire.Core.Turns;
using Chatwire.Storage;
using Chatwire.Storage.Bus;

namespace Chatwire.Server.Hosting;

/// <summary>Composes the bus (in memory, or PostgreSQL across nodes), turn notifications, stops and multi-device sync.</summary>
public static class SyncServices
{
    public static IServiceCollection AddChatwireSync(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var bus = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        services.AddChatwireBus(bus, database);
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section)
            .Validate(o => o.TypingTimeout > TimeSpan.Zero && o.MaxSyncMessages > 1 && o.MaxTypingChats > 0, "Sync limits must be positive (MaxSyncMessages at least 2).")
            .ValidateOnStart();
        services.AddSingleton<ITurnObserver, BusTurnObserver>();
        services.AddSingleton<TurnStopper>();
        services.AddSingleton<MessageSync>();
        services.AddHostedService<BusHostedService>();
        return services;
    }
}
