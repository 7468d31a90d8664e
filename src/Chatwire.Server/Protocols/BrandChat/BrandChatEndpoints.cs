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

    /// <remarks>
    /// The request is needed until the socket is accepted, not while the connection lasts: the
    /// handshake part returns the running session as its result, so once accepted nothing holds the
    /// <see cref="HttpContext"/>, its headers and query (docs/benchmarks.md, idle memory).
    /// </remarks>
    private static Task ConnectAsync(
        HttpContext context,
        string brand_id,
        IBrandCatalog brands,
        HttpIdentityResolver identities,
        ChatEngine engine,
        IOptions<BrandChatOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsJsonAsync(new { code = ErrorCodes.InvalidFormat, message = "This endpoint speaks WebSocket only." });
        }

        return AcceptAsync(context, brand_id, brands, identities, engine, options.Value, time, lifetime.ApplicationStopping).Unwrap();
    }

    /// <summary>Resolves the caller and accepts; the result is the session, running.</summary>
    private static async Task<Task> AcceptAsync(
        HttpContext context, string brandId, IBrandCatalog brands, HttpIdentityResolver identities, ChatEngine engine, BrandChatOptions settings, TimeProvider time, CancellationToken stopping)
    {
        var caller = await identities.ResolveAsync(context);
        var brand = brands.Find(brandId) is { Active: true } found ? found : null;
        var welcome = brand?.WelcomeIn(WelcomeLanguage(context, brand));
        var aborted = context.RequestAborted;
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        return ServeAsync(socket, caller, brandId, brand, welcome, engine, settings, time, aborted, stopping);
    }

    private static Task ServeAsync(
        WebSocket socket, IdentityResolution caller, string brandId, Brand? brand, string? welcome, ChatEngine engine, BrandChatOptions settings, TimeProvider time, CancellationToken aborted, CancellationToken stopping)
    {
        var writer = new WebSocketFrameWriter(socket, settings.SendTimeout);
        return caller.Identity is { } identity && brand is not null
            ? new BrandChatSession(socket, writer, brand, identity, engine, settings, time).RunAsync(welcome!, aborted, stopping)
            : RefuseAsync(socket, writer, caller, brandId, brand is null, aborted, stopping);
    }

    /// <summary>Says why the connection cannot be served, in the wire's error frame, and closes it.</summary>
    private static async Task RefuseAsync(
        WebSocket socket, WebSocketFrameWriter writer, IdentityResolution caller, string brandId, bool noBrand, CancellationToken aborted, CancellationToken stopping)
    {
        using (socket)
        using (writer)
        using (writer.CloseOnShutdown(stopping))
        {
            if (caller.Identity is null)
            {
                await writer.SendAsync((caller.Code!, caller.Error!), BrandChatFrames.WriteError, aborted);
                await writer.CloseAsync(WebSocketCloseStatus.PolicyViolation, caller.Error!, aborted);
                return;
            }

            if (noBrand)
            {
                var message = $"Brand '{brandId}' not found or inactive";
                await writer.SendAsync((ErrorCodes.BrandNotFound, message), BrandChatFrames.WriteError, aborted);
                await writer.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Brand not found or inactive", aborted);
            }
        }
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
