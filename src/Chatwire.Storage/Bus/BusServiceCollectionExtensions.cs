using Chatwire.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatwire.Storage.Bus;

public static class BusServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IChatBus"/>: in memory by default, PostgreSQL LISTEN/NOTIFY when <paramref name="options"/> say so.</summary>
    public static IServiceCollection AddChatwireBus(this IServiceCollection services, BusOptions options, DatabaseOptions database)
    {
        services.AddSingleton(options);
        services.AddSingleton<NotificationDispatcher>();
        if (options.IsPostgreSql)
        {
            var connectionString = options.ConnectionString ?? (database.IsPostgreSql ? database.ConnectionString : null)
                ?? throw new InvalidOperationException("Bus:ConnectionString (or a PostgreSQL Database:ConnectionString) is required when Bus:Provider is PostgreSQL.");
            services.AddSingleton(sp => new PostgresChatBus(connectionString, options, sp.GetRequiredService<NotificationDispatcher>(), sp.GetRequiredService<ILogger<PostgresChatBus>>()));
            services.AddSingleton<IChatBus>(sp => sp.GetRequiredService<PostgresChatBus>());
        }
        else if (options.Provider.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IChatBus, InMemoryChatBus>();
        }
        else
        {
            throw new InvalidOperationException($"Bus:Provider '{options.Provider}' is not known; use InMemory or PostgreSQL.");
        }

        return services;
    }
}
