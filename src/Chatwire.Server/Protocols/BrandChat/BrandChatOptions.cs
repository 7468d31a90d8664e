namespace Chatwire.Server.Protocols.BrandChat;

/// <summary>Limits of the seed-004 brand chat wire; bound from the <c>BrandChat</c> section.</summary>
public sealed class BrandChatOptions
{
    public const string Section = "BrandChat";

    /// <summary>Longest chat message, in characters: seed 004's own client refuses more than 1000.</summary>
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>Largest frame accepted; a bigger one closes the connection with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Chat messages waiting behind the one being answered; more get QUEUE_FULL.</summary>
    public int Backlog { get; set; } = 8;

    /// <summary>How often the server pings an idle connection.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A client that has not taken a frame within this time is dropped rather than buffered for.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may go unanswered before the connection is dropped.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
