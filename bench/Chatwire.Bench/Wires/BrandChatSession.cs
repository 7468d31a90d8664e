namespace Chatwire.Bench.Wires;

/// <summary>Seed 004: <c>/ws/chat/{brand_id}</c>, <c>welcome</c>, then <c>chunk</c> ..., <c>complete</c>.</summary>
public sealed class BrandChatSession(WireContext context, int user) : JsonTypedSession(context)
{
    private static readonly byte[][] Errors = ["error"u8.ToArray()];

    // Seed 004's clients send no credentials; the token in the query makes the bench's users distinct.
    protected override Uri Address => Context.ResolveWebSocket($"/ws/chat/{Context.BrandId}?token={Context.TokenFor(user)}");

    protected override string QuestionFrame => $"{{\"type\":\"chat\",\"data\":{{\"message\":{JsonFrames.Quote(Context.Message)}}}}}";

    protected override (byte[] Token, byte[] Done, byte[] Ready) Types { get; } = ("chunk"u8.ToArray(), "complete"u8.ToArray(), "welcome"u8.ToArray());

    protected override byte[][] ErrorTypes => Errors;
}
