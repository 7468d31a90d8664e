namespace Chatwire.Bench.Wires;

/// <summary>What a received frame means to the client.</summary>
public enum FrameKind
{
    Ignore,
    Ready,
    Token,
    Done,
    Error,
    Reply,
}

/// <param name="Detail">For errors: what the server said.</param>
/// <param name="Reply">For replies (Engine.IO pong, Socket.IO CONNECT): the text frame to send back.</param>
public readonly record struct FrameAction(FrameKind Kind, string? Detail = null, string? Reply = null)
{
    public static readonly FrameAction Ignore = new(FrameKind.Ignore);
    public static readonly FrameAction Ready = new(FrameKind.Ready);
    public static readonly FrameAction Token = new(FrameKind.Token);
    public static readonly FrameAction Done = new(FrameKind.Done);
}
