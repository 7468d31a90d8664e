using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>The SSE wires of seeds 000, 001 and 003; each file maps one seed's endpoints.</summary>
public static class SseEndpoints
{
    /// <summary>OpenAPI metadata: 200 with a text/event-stream body.</summary>
    internal static readonly ProducesResponseTypeMetadata ProducesEventStream = new(StatusCodes.Status200OK, null, ["text/event-stream"]);

    public static IServiceCollection AddChatwireSse(this IServiceCollection services)
    {
        services.AddOptions<SseOptions>().BindConfiguration(SseOptions.Section)
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.TestEventCount >= 0 && o.TestEventInterval >= TimeSpan.Zero, "Sse settings must be positive.")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapSse(this IEndpointRouteBuilder app)
    {
        app.MapChatStream();
        app.MapMessages();
        app.MapSessionStream();
        return app;
    }

    /// <summary>The caller, or null after answering the refusal in the dialect's framing.</summary>
    internal static async Task<ChatIdentity?> IdentifyAsync(HttpContext context, HttpIdentityResolver identities, ISseDialect dialect)
    {
        var caller = await identities.ResolveAsync(context);
        if (caller.Identity is null)
        {
            await SseTurn.RefuseAsync(context, dialect, caller.Code!, caller.Error!, caller.Status);
        }

        return caller.Identity;
    }

    /// <summary>
    /// A browser's EventSource reconnects by itself when a stream ends, sending the last event id it
    /// saw. Replaying would ask the question again, so such a request gets 204, which per the HTML
    /// spec makes EventSource stop reconnecting.
    /// </summary>
    internal static bool IsReconnect(HttpContext context) =>
        context.Request.Headers.ContainsKey("Last-Event-ID");

    /// <summary>
    /// The POST endpoints' common path: identify the caller, read the JSON body, build the request
    /// from its fields, and stream the turn; any refusal on the way is answered in the dialect.
    /// </summary>
    internal static async Task RunFromBodyAsync(HttpContext context, ISseDialect dialect, Func<JsonBody, ChatIdentity, TurnRequest> build, bool bodyOptional = false)
    {
        var services = context.RequestServices;
        if (await IdentifyAsync(context, services.GetRequiredService<HttpIdentityResolver>(), dialect) is not { } identity)
        {
            return;
        }

        var (body, error) = bodyOptional ? await ReadOptionalBodyAsync(context.Request) : await JsonBody.ReadAsync(context.Request);
        if (body is null)
        {
            await SseTurn.RefuseAsync(context, dialect, error!.Value.Code, error.Value.Message);
            return;
        }

        var request = build(body, identity);
        if (body.Error is { } fieldError)
        {
            await SseTurn.RefuseAsync(context, dialect, fieldError.Code, fieldError.Message);
            return;
        }

        var heartbeat = services.GetRequiredService<IOptions<SseOptions>>().Value.HeartbeatInterval;
        await SseTurn.RunAsync(context, services.GetRequiredService<ChatEngine>(), request, dialect, heartbeat);
    }

    /// <summary>Reads an optional JSON object body: none at all is fine, a malformed one is not.</summary>
    private static async Task<(JsonBody? Body, (string Code, string Message)? Error)> ReadOptionalBodyAsync(HttpRequest request)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (JsonBody.Parse("{}"u8.ToArray()).Body, null);
        }

        return await JsonBody.ReadAsync(request);
    }
}
