namespace Chatwire.Server.Protocols.ControlChannel;

/// <summary>What a control-channel client frame asks for.</summary>
public abstract record ControlCommand
{
    public sealed record Typing(string ChatId, bool IsTyping) : ControlCommand;

    public sealed record StoreMessage(string? ChatId, string Content, string? BrandId) : ControlCommand;

    /// <summary>The client's answer stream ended; it wants the chat's synced history.</summary>
    public sealed record ResponseComplete(string ChatId, long Since) : ControlCommand;

    public sealed record Sync(string? ChatId, long Since) : ControlCommand;

    public sealed record Ping : ControlCommand;

    public sealed record Invalid(string Code, string Message) : ControlCommand;
}
