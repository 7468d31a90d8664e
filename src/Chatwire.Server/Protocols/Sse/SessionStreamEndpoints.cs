using Chatwire.Core.Turns;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>Seed 003: <c>POST /api/v2/ai/chat/stream</c> with <c>{message, sessionId?}</c>.</summary>
internal static class SessionStreamEndpoints
{
    public static void MapSessionStream(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v2/ai/chat/stream", StreamAsync)
            .WithName("AiChatStream")
            .WithTags("SSE")
            .WithSummary("Stream an answer as data: {\"content\",\"sessionId\"} events ending with data: {\"done\":true} (seed 003).")
            .WithMetadata(SseEndpoints.ProducesEventStream);

    private static Task StreamAsync(HttpContext context) =>
        SseEndpoints.RunFromBodyAsync(context, new SessionStreamDialect(), (body, identity) => new TurnRequest
        {
            Identity = identity,
            Message = body.Text("message", required: true) ?? "",
            ConversationId = body.Text("sessionId"),
            Model = body.Text("model"),
            Wire = "sse-ai-chat",
        });
}
