using Chatwire.Core.Turns;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting;

namespace Chatwire.Server.Protocols.Rest;

/// <summary>
/// Seed 002's non-streaming chat: <c>POST /api/v1/chat</c> answers with the whole response at once.
/// The fallback for clients that cannot stream (the SSE docs say when to use it).
/// </summary>
public static class RestChatEndpoints
{
    public static IEndpointRouteBuilder MapRestChat(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/chat", ChatAsync)
            .WithName("Chat")
            .WithTags("REST chat")
            .WithSummary("Ask a question and get the complete answer (no streaming).")
            .Accepts<RestChatRequest>("application/json")
            .Produces<RestChatResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ChatAsync(HttpContext context, HttpIdentityResolver identities, ChatEngine engine)
    {
        var caller = await identities.ResolveAsync(context);
        if (caller.Identity is not { } identity)
        {
            return HttpProblems.For(caller.Code!, caller.Error!, caller.Status);
        }

        var (body, error) = await JsonBody.ReadAsync(context.Request);
        if (body is null)
        {
            return HttpProblems.For(error!.Value.Code, error.Value.Message);
        }

        var request = new TurnRequest
        {
            Identity = identity,
            Message = body.Text("message", required: true) ?? "",
            ConversationId = body.Text("session_id"),
            BrandId = body.Text("brand_id"),
            Model = body.Text("model"),
            Temperature = body.Number("temperature"),
            CustomerId = body.Text("customer_id"),
            Wire = "rest",
        };
        if (body.Error is { } fieldError)
        {
            return HttpProblems.For(fieldError.Code, fieldError.Message);
        }

        await foreach (var chatEvent in engine.RunAsync(request, context.RequestAborted))
        {
            switch (chatEvent)
            {
                case TurnCompleted { Result: var result }:
                    return Results.Ok(new RestChatResponse(
                        result.Text,
                        result.ConversationId,
                        new RestChatMetadata(result.Agent, result.Confidence, new RestChatContext(result.Sources), result.AssistantMessageId, result.Model)));
                case TurnFailed failure:
                    return HttpProblems.For(failure);
            }
        }

        return HttpProblems.For(ErrorCodes.ProcessingError, "The answer ended without a result.");
    }
}

public sealed record RestChatRequest(string Message, string? SessionId, string? BrandId, string? Model, double? Temperature, string? CustomerId);

public sealed record RestChatResponse(string Response, string SessionId, RestChatMetadata Metadata);

public sealed record RestChatMetadata(string Agent, double Confidence, RestChatContext Context, string MessageId, string Model);

public sealed record RestChatContext(IReadOnlyList<string> Sources);
