using Chatwire.Server.Hosting;

namespace Chatwire.Server.Auth;

/// <summary>
/// <c>POST /dev/token</c>: mints a token signed with the local key, so the /ws/test page and local
/// tools can authenticate without an identity provider. Mapped only in the Development environment.
/// </summary>
public static class DevTokenEndpoints
{
    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", MintAsync)
            .WithTags("Development")
            .WithSummary("Mint a development JWT (Development environment only). Body, all optional: {sub, email, name}.")
            .Produces<DevToken>();
        return app;
    }

    private static async Task<IResult> MintAsync(HttpContext context, TokenService tokens, AuthOptions options)
    {
        string? subject = null, email = null, name = null;
        if (context.Request.ContentLength is not 0)
        {
            var (body, error) = await JsonBody.ReadAsync(context.Request);
            if (body is null)
            {
                return HttpProblems.For(error!.Value.Code, error.Value.Message);
            }

            (subject, email, name) = (body.Text("sub"), body.Text("email"), body.Text("name"));
            if (body.Error is { } fieldError)
            {
                return HttpProblems.For(fieldError.Code, fieldError.Message);
            }
        }

        subject = string.IsNullOrWhiteSpace(subject) ? "dev-user" : subject;
        var token = tokens.Mint(subject, email ?? $"{subject}@example.com", name ?? "Development User");
        return Results.Ok(new DevToken(token, "Bearer", (long)options.TokenLifetime.TotalSeconds, subject));
    }
}

public sealed record DevToken(string Token, string TokenType, long ExpiresIn, string Sub);
