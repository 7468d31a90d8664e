using System.Text.Json;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting.DirectWebSockets;
using Chatwire.SocketIo;

namespace Chatwire.Server.Protocols.SocketIo;

/// <summary>The Socket.IO wires: seed 003 on the default namespace and seed 001 on <c>/chats</c>.</summary>
public static class SocketIoChatEndpoints
{
    public static IServiceCollection AddSocketIoChat(this IServiceCollection services)
    {
        services.AddSocketIo(options => options.SerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        });
        services.AddSingleton<AiChatNamespace>();
        services.AddSingleton<ChatsNamespace>();
        return services;
    }

    public static IEndpointRouteBuilder MapSocketIoChat(this IEndpointRouteBuilder app)
    {
        var server = app.ServiceProvider.GetRequiredService<SocketIoServer>();
        app.ServiceProvider.GetRequiredService<AiChatNamespace>().Register(server);
        app.ServiceProvider.GetRequiredService<ChatsNamespace>().Register(server);
        app.MapSocketIo().RequireAllowedOrigin().AllowDirectWebSockets();
        return app;
    }
}
