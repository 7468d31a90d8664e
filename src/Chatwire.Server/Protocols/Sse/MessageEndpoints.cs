using Chatwire.Core.Turns;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// Seed 001: <c>POST /api/v1/messages/send</c>, <c>POST /api/v1/messages/{id}/regenerate</c>,
/// <c>POST /api/v1/messages/{id}/stop</c> and <c>GET|POST /api/v1/messages/test-sse</c>.
/// </summary>
internal static class MessageEndpoints
{
    public static void MapMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/messages").WithTags("SSE");
        group.MapPost("/send", SendAsync)
            .WithName("SendMessage")
            .WithSummary("Send {chat_id, model, content, temperature}; the answer streams as assistant_* events (seed 001).")
            .WithMetadata(SseEndpoints.ProducesEventStream);
        group.MapPost("/{id}/regenerate", RegenerateAsync)
            .WithName("RegenerateMessage")
            .WithSummary("Answer again in place of an assistant message, keeping the old one: assistant_regenerating, deltas, assistant_regenerated.")
            .WithMetadata(SseEndpoints.ProducesEventStream);
        group.MapPost("/{id}/stop", Stop)
            .WithName("StopMessage")
            .WithSummary("Stop an answer being generated, by its message id or stream id, from any connection of the same caller.");
        group.MapMethods("/test-sse", [HttpMethods.Get, HttpMethods.Post], TestAsync)
            .WithName("TestSse")
            .WithSummary("A few test_message events, then test_complete: checks that SSE reaches the client unbuffered.")
            .WithMetadata(SseEndpoints.ProducesEventStream);
    }

    private static Task SendAsync(HttpContext context) =>
        SseEndpoints.RunFromBodyAsync(context, new MessagesDialect(), (body, identity) => new TurnRequest
        {
            Identity = identity,
            Message = body.Text("content", required: true) ?? "",
            ConversationId = body.Text("chat_id"),
            Model = body.Text("model"),
            Temperature = body.Number("temperature"),
            BrandId = body.Text("brand_id"),
            Wire = "sse-messages",
        });

    /// <summary>The body is optional here: <c>{model, temperature}</c> override the original answer's settings.</summary>
    private static Task RegenerateAsync(HttpContext context, string id) =>
        SseEndpoints.RunFromBodyAsync(context, new MessagesDialect { RegeneratedMessageId = id }, (body, identity) => new TurnRequest
        {
            Identity = identity,
            Message = "",
            RegenerateMessageId = id,
            Model = body.Text("model"),
            Temperature = body.Number("temperature"),
            Wire = "sse-messages",
        }, bodyOptional: true);

    private static async Task<IResult> Stop(HttpContext context, HttpIdentityResolver identities, TurnStopper stopper, string id)
    {
        var caller = await identities.ResolveAsync(context);
        if (caller.Identity is not { } identity)
        {
            return HttpProblems.For(caller.Code!, caller.Error!, caller.Status);
        }

        // Stops it here, or asks the node that runs it (any node may receive the stop). Only the
        // turn's owner can stop it; anyone else's id looks like one that is not running.
        return await stopper.StopAsync(id, identity, context.RequestAborted) is StopOutcome.Stopped or StopOutcome.Requested
            ? Results.Ok(new StopResult(id, true))
            : HttpProblems.For(ErrorCodes.MessageNotFound, "No answer with this id is being generated for you.");
    }

    private static async Task TestAsync(HttpContext context, IOptions<SseOptions> options)
    {
        if (HttpMethods.IsGet(context.Request.Method) && SseEndpoints.IsReconnect(context))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var settings = options.Value;
        var sse = new SseResponse(context);
        sse.Start();
        try
        {
            for (var counter = 1; counter <= settings.TestEventCount; counter++)
            {
                await sse.WriteAsync("test_message", new TestMessagePayload(counter, $"Test message {counter}"), SseJson.Wire.TestMessagePayload);
                await Task.Delay(settings.TestEventInterval, context.RequestAborted);
            }

            await sse.WriteAsync("test_complete", new TestCompletePayload("SSE test completed"), SseJson.Wire.TestCompletePayload);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client closed the test stream early.
        }
    }
}

public sealed record StopResult(string Id, bool Stopped);
