namespace Chatwire.Server.Protocols.ControlChannel;

/// <summary>Limits of the per-user control channel; bound from the <c>ControlChannel</c> configuration section.</summary>
public sealed class ControlChannelOptions
{
    public const string Section = "ControlChannel";

    /// <summary>Largest client frame; a bigger one closes the connection with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Notifications waiting to be sent to one connection. A client that does not read falls behind
    /// by this much and is then disconnected (1008, "slow consumer"); it resyncs with its cursor.
    /// </summary>
    public int Backlog { get; set; } = 256;

    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
