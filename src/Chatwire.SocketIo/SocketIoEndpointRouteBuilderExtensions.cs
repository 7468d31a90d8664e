using Chatwire.SocketIo.EngineIo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chatwire.SocketIo;

public static class SocketIoEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps both Engine.IO transports at <see cref="SocketIoOptions.Path"/>. WebSocket support is added to
    /// this endpoint's own pipeline, so the application need not call <c>UseWebSockets()</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapSocketIo(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<SocketIoOptions>>().Value;
        var handler = services.GetRequiredService<EngineIoRequestHandler>();
        var sessions = services.GetRequiredService<EngineIoSessionStore>();
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping
            .Register(() => sessions.CloseAll(CloseReasons.ServerShuttingDown));

        var pipeline = endpoints.CreateApplicationBuilder();

        // WebSocket support for apps without UseWebSockets(); keep-alive frames are off at each accept
        // (EngineIoRequestHandler): Engine.IO pings on its own.
        pipeline.UseWebSockets();
        pipeline.Run(handler.HandleAsync);

        // Route templates ignore a trailing slash, so "/socket.io" serves "/socket.io/" as clients request it.
        return endpoints.Map(options.Path.TrimEnd('/'), pipeline.Build()).WithDisplayName("Socket.IO");
    }
}
