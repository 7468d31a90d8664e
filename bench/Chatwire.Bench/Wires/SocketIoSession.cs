namespace Chatwire.Bench.Wires;

/// <summary>
/// Socket.IO v5 over Engine.IO v4, WebSocket transport only (what <c>socket.io-client</c> does with
/// <c>transports: ["websocket"]</c>): open packet, CONNECT to <c>/</c> with <c>{token}</c>, then
/// <c>ai:chat</c> and <c>ai:stream</c> ... <c>ai:complete</c>; answers Engine.IO pings.
/// </summary>
public sealed class SocketIoSession(WireContext context, int user) : WebSocketSession(context)
{
    private readonly string _token = context.TokenFor(user);

    protected override Uri Address => Context.ResolveWebSocket("/socket.io/?EIO=4&transport=websocket");

    // Seed 003 sends the token in the event payload; the handshake carries it too, as socket.io-client's auth option does.
    protected override string QuestionFrame => $"42[\"ai:chat\",{{\"message\":{JsonFrames.Quote(Context.Message)},\"token\":\"{_token}\"}}]";

    protected override FrameAction Classify(ReadOnlySpan<byte> frame)
    {
        if (frame.StartsWith("42[\"ai:stream\""u8))
        {
            return FrameAction.Token;
        }

        if (frame.StartsWith("42[\"ai:complete\""u8))
        {
            return FrameAction.Done;
        }

        if (frame.SequenceEqual("2"u8))
        {
            return new FrameAction(FrameKind.Reply, Reply: "3");
        }

        if (frame.StartsWith("0{"u8))
        {
            return new FrameAction(FrameKind.Reply, Reply: $"40{{\"token\":\"{_token}\"}}");
        }

        if (frame.StartsWith("40"u8))
        {
            return FrameAction.Ready;
        }

        return frame.StartsWith("42[\"ai:error\""u8) || frame.StartsWith("44"u8) || frame.StartsWith("41"u8) || frame.SequenceEqual("1"u8)
            ? new FrameAction(FrameKind.Error, Excerpt(frame))
            : FrameAction.Ignore;
    }
}
