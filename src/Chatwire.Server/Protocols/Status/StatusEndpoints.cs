using System.Reflection;
using Chatwire.Core.Brands;
using Chatwire.Core.Conversations;

namespace Chatwire.Server.Protocols.Status;

/// <summary><c>GET /</c> (is the server running), <c>GET /health</c> (is the database) and <c>GET /brands/active</c>.</summary>
public static class StatusEndpoints
{
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    private static readonly string Version =
        typeof(StatusEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static readonly string[] Endpoints =
    [
        "POST /api/v1/chat",
        "GET /api/v1/chat/stream",
        "POST /api/v1/messages/send",
        "POST /api/v1/messages/{id}/regenerate",
        "POST /api/v1/messages/{id}/stop",
        "GET /api/v1/messages/test-sse",
        "POST /api/v2/ai/chat/stream",
        "GET /api/v1/usage",
        "GET /api/v1/chats",
        "GET /api/v1/chats/{id}/messages",
        "GET /brands/active",
        "GET /health",
        "GET /openapi/v1.json",
        "WS /ws/chat",
        "GET /ws/test",
        "WS /ws/chat/{brand_id}",
        "WS /api/v1/ws/chat/{user_id}",
        "SOCKET.IO /socket.io/ (namespaces / and /chats)",
    ];

    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (TimeProvider time) => Results.Ok(new ServerStatus(
            "Chatwire", Version, "running", (long)(time.GetUtcNow() - StartedAt).TotalSeconds, Endpoints)))
            .WithTags("Status").WithSummary("Server status: name, version, uptime, endpoints.");

        app.MapGet("/health", async (IChatStore store, CancellationToken cancellationToken) =>
            await store.IsHealthyAsync(cancellationToken)
                ? Results.Ok(new Health("healthy", "ok"))
                : Results.Json(new Health("unhealthy", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Status").WithSummary("200 when the database answers, 503 when it does not.");

        app.MapGet("/brands/active", (IBrandCatalog brands) => Results.Ok(brands.All
            .Where(b => b.Active)
            .Select(b => new ActiveBrand(b.Id, b.Name, b.Description, b.Languages, b.DefaultLanguage))
            .ToList()))
            .WithTags("Status").WithSummary("The brands that can be chatted with.");
        return app;
    }
}

public sealed record ServerStatus(string Name, string Version, string Status, long UptimeSeconds, IReadOnlyList<string> Endpoints);

public sealed record Health(string Status, string Database);

public sealed record ActiveBrand(string Id, string Name, string Description, IReadOnlyList<string> Languages, string DefaultLanguage);
