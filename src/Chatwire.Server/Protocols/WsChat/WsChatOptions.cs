namespace Chatwire.Server.Protocols.WsChat;

/// <summary>Settings of the seed 002 WebSocket at <c>/ws/chat</c>; bound from the <c>WsChat</c> configuration section.</summary>
public sealed class WsChatOptions
{
    public const string Section = "WsChat";

    /// <summary>Refuse messages (AUTH_REQUIRED) until the connection has authenticated, as seed 002 says. When false, unauthenticated connections chat anonymously.</summary>
    public bool RequireAuth { get; set; } = true;

    /// <summary>The brand that answers when neither the <c>brand_id</c> query parameter nor the frame names one.</summary>
    public string DefaultBrand { get; set; } = "meridian";

    /// <summary>Largest client message accepted, in bytes; a larger one closes the connection with 1009 (message too big).</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Messages waiting behind the one being answered; beyond this a message is refused with QUEUE_FULL.</summary>
    public int QueueCapacity { get; set; } = 8;

    /// <summary>How often the server pings a connection (0 turns pings off).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may go unanswered before the connection is dropped as dead.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one frame may take to reach a slow client before the connection is dropped.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
