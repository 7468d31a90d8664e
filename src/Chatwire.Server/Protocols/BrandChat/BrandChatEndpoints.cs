using System.Net.WebSockets;
using Chatwire.Core.Brands;
using Chatwire.Core.Turns;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting.DirectWebSockets;
using Chatwire.Server.Protocols.WebSockets;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Protocols.BrandChat;

/// <summary>Seed 004's multi-brand chatbot: <c>ws://host/ws/chat/{brand_id}</c>.</summary>
public static class BrandChatEndpoints
{
    public static IServiceCollection AddBrandChat(this IServiceCollection services)
    {
        services.AddOptions<BrandChatOptions>().BindConfiguration(BrandChatOptions.Section)
            .Validate(o => o.MaxMessageLength > 0 && o.MaxFrameBytes > 0 && o.Backlog > 0 && o.SendTimeout > TimeSpan.Zero, "BrandChat limits must be positive.")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapBrandChat(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/chat/{brand_id}", ConnectAsync).WithTags("WebSocket").ExcludeFromDescription().RequireAllowedOrigin().AllowDirectWebSockets();
        return app;
    }

    private static async Task ConnectAsync(
        HttpContext context,
        string brand_id,
        IBrandCatalog brands,
        HttpIdentityResolver identities,
        ChatEngine engine,
        IOptions<BrandChatOptions> options,
        TimeProvider time)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { code = ErrorCodes.InvalidFormat, message = "This endpoint speaks WebSocket only." });
            return;
        }

        var caller = await identities.ResolveAsync(context);
        var settings = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        using var writer = new WebSocketFrameWriter(socket, settings.SendTimeout);

        if (caller.Identity is not { } identity)
        {
            await writer.SendAsync((caller.Code!, caller.Error!), BrandChatFrames.WriteError, context.RequestAborted);
            await writer.CloseAsync(WebSocketCloseStatus.PolicyViolation, caller.Error!, context.RequestAborted);
            return;
        }

        if (brands.Find(brand_id) is not { Active: true } brand)
        {
            var message = $"Brand '{brand_id}' not found or inactive";
            await writer.SendAsync((ErrorCodes.BrandNotFound, message), BrandChatFrames.WriteError, context.RequestAborted);
            await writer.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Brand not found or inactive", context.RequestAborted);
            return;
        }

        var session = new BrandChatSession(socket, writer, brand, identity, engine, settings, time);
        await session.RunAsync(brand.WelcomeIn(WelcomeLanguage(context, brand)), context.RequestAborted);
    }

    /// <summary>The brand's default language unless the client asks for another it speaks (?lang=, Accept-Language).</summary>
    private static string WelcomeLanguage(HttpContext context, Brand brand)
    {
        var asked = context.Request.Query["lang"].ToString();
        if (asked.Length == 0)
        {
            var header = context.Request.Headers.AcceptLanguage.ToString();
            asked = header.Length >= 2 ? header[..2] : "";
        }

        return brand.Languages.Contains(asked.ToLowerInvariant()) ? asked.ToLowerInvariant() : brand.DefaultLanguage;
    }
}
