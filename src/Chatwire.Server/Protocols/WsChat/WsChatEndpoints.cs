using System.Net.WebSockets;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting;
using Chatwire.Server.Hosting.DirectWebSockets;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>Seed 002: the streaming chat WebSocket at <c>/ws/chat</c> and its interactive test page at <c>/ws/test</c>.</summary>
public static class WsChatEndpoints
{
    public static IServiceCollection AddWsChat(this IServiceCollection services)
    {
        services.AddOptions<WsChatOptions>().BindConfiguration(WsChatOptions.Section)
            .Validate(o => o.MaxFrameBytes >= 1024, "WsChat:MaxFrameBytes must be at least 1024.")
            .Validate(o => o.QueueCapacity >= 0, "WsChat:QueueCapacity must be 0 or more.")
            .Validate(o => o.KeepAliveInterval >= TimeSpan.Zero && o.KeepAliveTimeout > TimeSpan.Zero && o.SendTimeout > TimeSpan.Zero,
                "WsChat keep-alive and send timeouts must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultBrand), "WsChat:DefaultBrand is required.")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapWsChat(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/chat", AcceptAsync).ExcludeFromDescription().AllowDirectWebSockets();
        app.MapGet("/ws/test", () => TestPageFile("ws-test.html", "text/html; charset=utf-8"))
            .WithTags("WebSocket").WithSummary("Interactive test page for /ws/chat.");
        app.MapGet("/ws/test.js", () => TestPageFile("ws-test.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    /// <remarks>
    /// Not async: what the connection needs is taken from the request up front, so nothing holds the
    /// <see cref="HttpContext"/>, its headers and query (the token among them) while the connection waits.
    /// </remarks>
    private static Task AcceptAsync(
        HttpContext context,
        ChatEngine engine,
        TokenService tokens,
        OriginPolicy origins,
        IOptions<WsChatOptions> options,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return HttpProblems.For(ErrorCodes.InvalidFormat, "This endpoint speaks WebSocket: connect with ws://<host>/ws/chat.", StatusCodes.Status426UpgradeRequired)
                .ExecuteAsync(context);
        }

        if (!origins.IsAllowed(context.Request))
        {
            return HttpProblems.For(ErrorCodes.OriginNotAllowed, "This origin may not open a connection.", StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }

        var settings = options.Value;
        var brandId = context.Request.Query["brand_id"].ToString() is { Length: > 0 } brand ? brand : null;
        var anonymous = settings.RequireAuth ? null : Anonymous(context);
        var token = BearerToken.FromRequest(context.Request);
        var accepting = context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        var connection = new WsChatConnection(engine, tokens, settings, loggers.CreateLogger("Chatwire.Server.Protocols.WsChat"), brandId, anonymous, token, lifetime.ApplicationStopping);
        return connection.ServeAsync(accepting);
    }

    /// <summary>With <c>WsChat:RequireAuth=false</c>: the <c>x-anon-id</c> header or <c>?anon_id=</c>, else a fresh id for this connection.</summary>
    private static ChatIdentity Anonymous(HttpContext context)
    {
        var claimed = context.Request.Headers[AnonymousId.HeaderName].ToString() is { Length: > 0 } header ? header : context.Request.Query[AnonymousId.QueryName].ToString();
        var id = AnonymousId.IsValid(claimed) ? claimed : AnonymousId.New();
        return ChatIdentity.Anonymous(id) with { ClientAddress = context.Connection.RemoteIpAddress?.ToString() };
    }

    /// <summary>The test page ships in the build output's wwwroot, so it is found from any working directory.</summary>
    private static IResult TestPageFile(string name, string contentType)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "wwwroot", name);
        return File.Exists(path) ? Results.File(path, contentType) : Results.NotFound();
    }
}
