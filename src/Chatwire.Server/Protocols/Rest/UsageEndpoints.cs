using Chatwire.Core.Usage;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting;

namespace Chatwire.Server.Protocols.Rest;

/// <summary><c>GET /api/v1/usage</c>: the caller's quota (anonymous) or credit balance (users).</summary>
public static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/usage", GetAsync)
            .WithName("Usage")
            .WithTags("Usage")
            .WithSummary("Anonymous: used, limit, remaining, resets_at. Users: balance.")
            .Produces<UsageView>();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, HttpIdentityResolver identities, UsageAccounts accounts)
    {
        var caller = await identities.ResolveAsync(context);
        return caller.Identity is { } identity
            ? Results.Ok(UsageView.From(await accounts.GetAsync(identity, context.RequestAborted)))
            : HttpProblems.For(caller.Code!, caller.Error!, caller.Status);
    }
}
