namespace Chatwire.Core.Sync;

/// <summary>Multi-device sync settings; bound from the <c>Sync</c> configuration section.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>
    /// A typing indicator without a refresh for this long is stopped by the server (seed 000: "stops
    /// after 2 seconds idle"), so a device that vanishes mid-word does not leave others watching dots.
    /// </summary>
    public TimeSpan TypingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most messages one <c>sync</c> or <c>history</c> answer carries; <c>has_more</c> says when to ask again.</summary>
    public int MaxSyncMessages { get; set; } = 100;

    /// <summary>Chats one device may be typing in at once (bounds the timers a connection holds).</summary>
    public int MaxTypingChats { get; set; } = 16;
}
