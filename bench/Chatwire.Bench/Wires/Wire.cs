namespace Chatwire.Bench.Wires;

/// <summary>A wire the bench can drive: its name on the command line, where it lives, whether it can idle.</summary>
/// <param name="Name">As given to <c>--wire</c>.</param>
/// <param name="ProbePath">Requested (without upgrading) to tell whether the server has this wire: 404 means not.</param>
/// <param name="HoldsIdle">A connection that stays open between answers (WebSocket, Socket.IO), so the idle scenario applies.</param>
public sealed record Wire(string Name, string ProbePath, bool HoldsIdle, string Description)
{
    /// <summary>Probed with a WebSocket upgrade rather than a plain GET.</summary>
    public bool ProbeByUpgrade => Name is "ws-chat" or "brand-chat";

    public static readonly Wire WsChat = new("ws-chat", "/ws/chat", true, "seed 002 /ws/chat?token=, token frames");
    public static readonly Wire BrandChat = new("brand-chat", "/ws/chat/meridian", true, "seed 004 /ws/chat/{brand_id}, chunk frames");
    public static readonly Wire SseGet = new("sse-get", "/api/v1/chat/stream", false, "seed 000 GET /api/v1/chat/stream?message=, data: {content} ... [DONE]");
    public static readonly Wire SsePost = new("sse-post", "/api/v2/ai/chat/stream", false, "seed 003 POST /api/v2/ai/chat/stream, data: {content} ... {done:true}");
    public static readonly Wire SocketIo = new("socketio", "/socket.io/?EIO=4&transport=polling", true, "seed 003 Socket.IO ai:chat -> ai:stream/ai:complete on /");
    public static readonly Wire OpenAi = new("openai", "/v1/chat/completions", false, "OpenAI-compatible chat/completions stream (the fake upstream, read directly)");

    /// <summary>The wires Chatwire serves, in the order runs go through them.</summary>
    public static IReadOnlyList<Wire> Chatwire { get; } = [WsChat, SocketIo, BrandChat, SseGet, SsePost];

    public static Wire Parse(string name) =>
        Chatwire.Concat([OpenAi]).FirstOrDefault(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown wire '{name}' (known: {string.Join(", ", Chatwire.Select(w => w.Name))})");

    public override string ToString() => Name;
}
