namespace Chatwire.Bench.Wires;

/// <summary>Seed 002: <c>/ws/chat?token=</c>, <c>auth_success</c>, then <c>progress</c>, <c>token</c> ..., <c>complete</c>.</summary>
public sealed class WsChatSession(WireContext context, int user) : JsonTypedSession(context)
{
    private static readonly byte[][] Errors = ["error"u8.ToArray(), "auth_error"u8.ToArray()];

    protected override Uri Address => Context.ResolveWebSocket("/ws/chat?token=" + Context.TokenFor(user));

    protected override string QuestionFrame => $"{{\"type\":\"message\",\"message\":{JsonFrames.Quote(Context.Message)}}}";

    protected override (byte[] Token, byte[] Done, byte[] Ready) Types { get; } = ("token"u8.ToArray(), "complete"u8.ToArray(), "auth_success"u8.ToArray());

    protected override byte[][] ErrorTypes => Errors;
}
