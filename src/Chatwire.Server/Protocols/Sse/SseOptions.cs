namespace Chatwire.Server.Protocols.Sse;

/// <summary>Server-Sent Events settings; bound from the <c>Sse</c> configuration section.</summary>
public sealed class SseOptions
{
    public const string Section = "Sse";

    /// <summary>
    /// After this long without an event a comment line is sent, so proxies, load balancers and CDNs
    /// that close idle connections (often after 30 to 60 s) keep the stream open.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Pause between the <c>test_message</c> events of <c>/api/v1/messages/test-sse</c>.</summary>
    public TimeSpan TestEventInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many <c>test_message</c> events <c>/api/v1/messages/test-sse</c> sends.</summary>
    public int TestEventCount { get; set; } = 5;
}
