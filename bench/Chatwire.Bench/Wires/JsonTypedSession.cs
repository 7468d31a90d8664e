namespace Chatwire.Bench.Wires;

/// <summary>A WebSocket wire whose frames are JSON objects told apart by their <c>type</c>.</summary>
public abstract class JsonTypedSession(WireContext context) : WebSocketSession(context)
{
    /// <summary>The type of a token frame, of the last frame of an answer, of the frame saying the session is ready.</summary>
    protected abstract (byte[] Token, byte[] Done, byte[] Ready) Types { get; }

    /// <summary>Types of frames that report a failure.</summary>
    protected abstract byte[][] ErrorTypes { get; }

    protected override FrameAction Classify(ReadOnlySpan<byte> frame)
    {
        var (token, done, ready) = Types;
        if (JsonFrames.TypeIs(frame, token))
        {
            return FrameAction.Token;
        }

        if (JsonFrames.TypeIs(frame, done))
        {
            return FrameAction.Done;
        }

        if (JsonFrames.TypeIs(frame, ready))
        {
            return FrameAction.Ready;
        }

        foreach (var error in ErrorTypes)
        {
            if (JsonFrames.TypeIs(frame, error))
            {
                return new FrameAction(FrameKind.Error, Excerpt(frame));
            }
        }

        return FrameAction.Ignore;
    }
}
