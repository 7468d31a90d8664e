using System.Net.WebSockets;
using Chatwire.Core.Notifications;
using Chatwire.Core.Sync;
using Chatwire.Core.Turns;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting.DirectWebSockets;
using Chatwire.Server.Protocols.WebSockets;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Protocols.ControlChannel;

/// <summary>
/// Seed 000's per-user control channel: <c>ws://host/api/v1/ws/chat/{user_id}?token={access_token}</c>,
/// beside the SSE stream: typing, message sync, history, notifications from every wire and node.
/// </summary>
public static class ControlChannelEndpoints
{
    public static IServiceCollection AddControlChannel(this IServiceCollection services)
    {
        services.AddOptions<ControlChannelOptions>().BindConfiguration(ControlChannelOptions.Section)
            .Validate(o => o.MaxFrameBytes > 0 && o.Backlog > 0, "ControlChannel limits must be positive.")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapControlChannel(this IEndpointRouteBuilder app)
    {
        app.Map("/api/v1/ws/chat/{user_id}", ConnectAsync).WithTags("WebSocket").ExcludeFromDescription().RequireAllowedOrigin().AllowDirectWebSockets();
        return app;
    }

    private static async Task ConnectAsync(
        HttpContext context,
        string user_id,
        TokenService tokens,
        IChatBus bus,
        MessageSync sync,
        IOptions<ControlChannelOptions> options,
        IOptions<SyncOptions> syncOptions,
        TimeProvider time,
        ILogger<ControlChannelSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { code = ErrorCodes.InvalidFormat, message = "This endpoint speaks WebSocket only." });
            return;
        }

        // The token is judged before anything else; the refusal travels as a close status and reason,
        // because a browser's WebSocket cannot see an HTTP status.
        var token = BearerToken.FromRequest(context.Request);
        var validation = token is null ? null : await tokens.ValidateAsync(token);
        var settings = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        using var writer = new WebSocketFrameWriter(socket);
        var refusal = validation switch
        {
            null => (ErrorCodes.AuthRequired, "Token is required"),
            { IsValid: false } => (ErrorCodes.InvalidToken, validation.Error!),
            _ when validation.Identity!.Id != user_id => (ErrorCodes.InvalidToken, "Token does not belong to this user"),
            _ => default((string Code, string Message)?),
        };
        if (refusal is { } refused)
        {
            await writer.SendAsync(refused, ControlFrames.WriteError, context.RequestAborted);
            await writer.CloseAsync(WebSocketCloseStatus.PolicyViolation, refused.Message, context.RequestAborted);
            return;
        }

        var identity = validation!.Identity! with { ClientAddress = context.Connection.RemoteIpAddress?.ToString() };
        var session = new ControlChannelSession(socket, writer, identity, bus, sync, settings, syncOptions.Value, time, logger);
        await session.RunAsync(context.RequestAborted);
    }
}
