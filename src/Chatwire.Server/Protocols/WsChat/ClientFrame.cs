namespace Chatwire.Server.Protocols.WsChat;

/// <summary>A frame a client sent, parsed into what it asks for.</summary>
internal abstract record ClientFrame;

/// <summary><c>{"type":"auth","token":...}</c>.</summary>
internal sealed record AuthFrame(string? Token) : ClientFrame;

/// <summary><c>{"type":"message","message":...,"session_id"?,"customer_id"?,"brand_id"?,"model"?}</c>.</summary>
internal sealed record MessageFrame(string? Message, string? SessionId, string? CustomerId, string? BrandId, string? Model) : ClientFrame;

/// <summary><c>{"type":"ping"}</c>: an application-level ping for browsers, which cannot send WebSocket pings.</summary>
internal sealed record PingFrame : ClientFrame
{
    public static readonly PingFrame Instance = new();
}

/// <summary>A frame that cannot be acted on; <see cref="Code"/> is INVALID_FORMAT or UNKNOWN_TYPE.</summary>
internal sealed record InvalidFrame(string Code, string Message) : ClientFrame;
