using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>Marks an endpoint whose WebSocket upgrades may skip Kestrel's HTTP connection.</summary>
public sealed class DirectWebSocketMetadata
{
    public static readonly DirectWebSocketMetadata Instance = new();
}

public static class DirectWebSocketExtensions
{
    /// <summary>
    /// Lets this endpoint's WebSocket upgrades skip Kestrel's HTTP connection (see
    /// <see cref="DirectWebSocketListener"/> and <see cref="DirectSocketListener"/>). The endpoint then
    /// runs without the app's middleware, with root services (singletons only), and must either
    /// accept the WebSocket or answer without side effects: such an answer is dropped and Kestrel
    /// serves the request again.
    /// </summary>
    public static TBuilder AllowDirectWebSockets<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(DirectWebSocketMetadata.Instance);

    /// <summary>
    /// Serves WebSocket upgrades to endpoints that allow it directly: on the bare socket for TCP
    /// listeners when <paramref name="ownTransport"/> is set (<see cref="DirectSocketListener"/>),
    /// otherwise, and for handshakes that arrive in pieces, over Kestrel's pipes (<see cref="DirectWebSocketListener"/>).
    /// </summary>
    public static IWebHostBuilder UseDirectWebSockets(this IWebHostBuilder builder, bool ownTransport = true)
    {
        builder.ConfigureServices(services =>
        {
            services.TryAddSingleton<DirectWebSocketDispatcher>();
            if (ownTransport)
            {
                // Registered after Kestrel's socket transport, so Kestrel binds TCP endpoints with this one.
                services.AddSingleton<IConnectionListenerFactory, DirectSocketTransportFactory>();
            }
        });

        return builder.ConfigureKestrel((context, kestrel) => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Use(next => new DirectWebSocketListener(next, listen.ApplicationServices.GetRequiredService<DirectWebSocketDispatcher>(), kestrel.Limits).OnConnectedAsync)));
    }
}
