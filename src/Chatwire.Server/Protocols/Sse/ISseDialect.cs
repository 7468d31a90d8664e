using Chatwire.Core.Turns;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>One seed's SSE event vocabulary: how engine events and errors look on its wire. One instance per stream.</summary>
internal interface ISseDialect
{
    ValueTask WriteAsync(SseResponse sse, ChatEvent chatEvent);

    /// <summary>A failure, including refusals before any turn started (bad JSON, bad token).</summary>
    ValueTask WriteErrorAsync(SseResponse sse, string code, string message);
}
