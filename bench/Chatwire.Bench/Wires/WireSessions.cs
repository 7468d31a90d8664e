namespace Chatwire.Bench.Wires;

/// <summary>Creates the client session for a wire.</summary>
public static class WireSessions
{
    public static IWireSession Create(Wire wire, WireContext context, int user) => wire.Name switch
    {
        "ws-chat" => new WsChatSession(context, user),
        "brand-chat" => new BrandChatSession(context, user),
        "socketio" => new SocketIoSession(context, user),
        "sse-get" or "sse-post" or "openai" => new SseSession(wire, context, user),
        _ => throw new ArgumentException($"no client for wire {wire.Name}"),
    };
}
