using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>Marks an endpoint whose WebSocket upgrades <see cref="DirectWebSocketListener"/> may serve.</summary>
public sealed class DirectWebSocketMetadata
{
    public static readonly DirectWebSocketMetadata Instance = new();
}

public static class DirectWebSocketExtensions
{
    /// <summary>
    /// Lets this endpoint's WebSocket upgrades skip Kestrel's HTTP connection (see
    /// <see cref="DirectWebSocketListener"/>). The endpoint then runs without the app's middleware,
    /// with root services (singletons only), and must either accept the WebSocket or answer without
    /// side effects: such an answer is dropped and Kestrel serves the request again.
    /// </summary>
    public static TBuilder AllowDirectWebSockets<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(DirectWebSocketMetadata.Instance);

    /// <summary>Serves WebSocket upgrades on this listener's plain-HTTP connections directly.</summary>
    public static ListenOptions UseDirectWebSockets(this ListenOptions listen, KestrelServerLimits limits)
    {
        listen.Use(next => new DirectWebSocketListener(next, listen.ApplicationServices, limits).OnConnectedAsync);
        return listen;
    }
}
