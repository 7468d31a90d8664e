using System.Net.WebSockets;
using Chatwire.Core.Notifications;
using Chatwire.Core.Sync;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
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

    /// <remarks>
    /// The request is needed until the socket is accepted, not while the connection lasts: the
    /// handshake part returns the running session as its result, so once accepted nothing holds the
    /// <see cref="HttpContext"/> (docs/benchmarks.md, idle memory).
    /// </remarks>
    private static Task ConnectAsync(
        HttpContext context,
        string user_id,
        TokenService tokens,
        IChatBus bus,
        MessageSync sync,
        IOptions<ControlChannelOptions> options,
        IOptions<SyncOptions> syncOptions,
        TimeProvider time,
        ILogger<ControlChannelSession> logger,
        IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsJsonAsync(new { code = ErrorCodes.InvalidFormat, message = "This endpoint speaks WebSocket only." });
        }

        return AcceptAsync(context, user_id, tokens, options.Value, (socket, writer, identity) =>
            new ControlChannelSession(socket, writer, identity, bus, sync, options.Value, syncOptions.Value, time, logger), lifetime.ApplicationStopping).Unwrap();
    }

    /// <summary>Judges the token and accepts; the result is the session (or the refusal), running.</summary>
    private static async Task<Task> AcceptAsync(
        HttpContext context,
        string userId,
        TokenService tokens,
        ControlChannelOptions settings,
        Func<WebSocket, WebSocketFrameWriter, ChatIdentity, ControlChannelSession> open,
        CancellationToken stopping)
    {
        // The token is judged before anything else; the refusal travels as a close status and reason,
        // because a browser's WebSocket cannot see an HTTP status.
        var token = BearerToken.FromRequest(context.Request);
        var validation = token is null ? null : await tokens.ValidateAsync(token);
        ChatIdentity? identity = null;
        var refusal = validation switch
        {
            null => (ErrorCodes.AuthRequired, "Token is required"),
            { IsValid: false } => (ErrorCodes.InvalidToken, validation.Error!),
            _ when validation.Identity!.Id != userId => (ErrorCodes.InvalidToken, "Token does not belong to this user"),
            _ => default((string Code, string Message)?),
        };
        if (refusal is null)
        {
            identity = validation!.Identity! with { ClientAddress = context.Connection.RemoteIpAddress?.ToString() };
        }

        var aborted = context.RequestAborted;
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        return ServeAsync(socket, refusal, identity, open, aborted, stopping);
    }

    private static async Task ServeAsync(
        WebSocket socket,
        (string Code, string Message)? refusal,
        ChatIdentity? identity,
        Func<WebSocket, WebSocketFrameWriter, ChatIdentity, ControlChannelSession> open,
        CancellationToken aborted,
        CancellationToken stopping)
    {
        using (socket)
        using (var writer = new WebSocketFrameWriter(socket))
        using (writer.CloseOnShutdown(stopping))
        {
            if (refusal is { } refused)
            {
                await writer.SendAsync(refused, ControlFrames.WriteError, aborted);
                await writer.CloseAsync(WebSocketCloseStatus.PolicyViolation, refused.Message, aborted);
                return;
            }

            await open(socket, writer, identity!).RunAsync(aborted);
        }
    }
}
