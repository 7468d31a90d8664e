using Chatwire.Core.Turns;
using Chatwire.Server.Auth;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Seed 000: <c>GET /api/v1/chat/stream?message=...</c> (optional <c>chat_id</c>, <c>model</c>; the token as
/// <c>Authorization: Bearer</c> or <c>?token=</c>, since a browser's EventSource cannot send headers).
/// </summary>
internal static class ChatStreamEndpoints
{
    public static void MapChatStream(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/chat/stream", StreamAsync)
            .WithName("ChatStream")
            .WithTags("SSE")
            .WithSummary("Stream an answer as data: {\"content\"} events ending with data: [DONE] (seed 000).")
            .WithMetadata(SseEndpoints.ProducesEventStream);

    private static async Task StreamAsync(HttpContext context, HttpIdentityResolver identities, ChatEngine engine, IOptions<SseOptions> options,
        string? message, string? chat_id, string? model)
    {
        if (SseEndpoints.IsReconnect(context))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var dialect = new ChatStreamDialect();
        if (await SseEndpoints.IdentifyAsync(context, identities, dialect) is not { } identity)
        {
            return;
        }

        var request = new TurnRequest
        {
            Identity = identity,
            Message = message ?? "",
            ConversationId = string.IsNullOrEmpty(chat_id) ? null : chat_id,
            Model = model,
            Wire = "sse-chat-stream",
        };
        await SseTurn.RunAsync(context, engine, request, dialect, options.Value.HeartbeatInterval);
    }
}
