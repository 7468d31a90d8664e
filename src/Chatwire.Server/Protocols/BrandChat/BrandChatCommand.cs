namespace Chatwire.Server.Protocols.BrandChat;

/// <summary>A client frame of seed 004, parsed and checked.</summary>
public abstract record BrandChatCommand
{
    public sealed record Chat(string Message, string? ConversationId, string? UserId, bool Voice) : BrandChatCommand;

    public sealed record Ping : BrandChatCommand;

    /// <summary>A frame that could not be accepted; the connection stays open.</summary>
    public sealed record Invalid(string Code, string Message) : BrandChatCommand;
}
