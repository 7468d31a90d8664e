using Chatwire.SocketIo.EngineIo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatwire.SocketIo;

public static class SocketIoServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Socket.IO server, binding <see cref="SocketIoOptions"/> from the "SocketIo" configuration
    /// section and then applying <paramref name="configure"/>. Map it with <c>app.MapSocketIo()</c>.
    /// </summary>
    public static IServiceCollection AddSocketIo(this IServiceCollection services, Action<SocketIoOptions>? configure = null)
    {
        services.AddOptions<SocketIoOptions>().BindConfiguration(SocketIoOptions.SectionName);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<EngineIoSessionStore>();
        services.TryAddSingleton(sp => new SocketIoServer(
            sp.GetRequiredService<IOptions<SocketIoOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IEngineIoSessionHandlerFactory>(sp => sp.GetRequiredService<SocketIoServer>());
        services.TryAddSingleton<EngineIoRequestHandler>();
        return services;
    }
}
