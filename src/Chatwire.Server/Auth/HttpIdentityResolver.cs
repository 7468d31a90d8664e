using Chatwire.Core.Turns;
using Chatwire.Core.Usage;

namespace Chatwire.Server.Auth;

/// <summary>
/// Who is calling an HTTP endpoint: a JWT from <c>Authorization: Bearer</c> (or <c>?token=</c>, for
/// browsers' EventSource, which cannot send headers), else the <c>x-anon-id</c> header, else a new
/// anonymous id returned in the response's <c>x-anon-id</c> header. <c>?anon_id=</c> stands in for the
/// header where a client cannot set headers.
/// </summary>
public sealed class HttpIdentityResolver(TokenService tokens)
{
    public async Task<IdentityResolution> ResolveAsync(HttpContext context)
    {
        // Browsers' EventSource and WebSocket cannot set headers, so the query string may carry the id.
        var anonId = context.Request.Headers[AnonymousId.HeaderName].ToString();
        if (anonId.Length == 0)
        {
            anonId = context.Request.Query[AnonymousId.QueryName].ToString();
        }

        var resolution = await ResolveAsync(ReadToken(context.Request), anonId, context.Connection.RemoteIpAddress?.ToString());
        if (resolution.Issued)
        {
            context.Response.Headers[AnonymousId.HeaderName] = resolution.Identity!.Id;
        }

        return resolution;
    }

    /// <summary>
    /// The same judgement for any wire: a token wins (and must be valid), else a well-formed
    /// anonymous id, else a newly issued one (<see cref="IdentityResolution.Issued"/>).
    /// </summary>
    public async Task<IdentityResolution> ResolveAsync(string? token, string? anonId, string? address)
    {
        if (!string.IsNullOrEmpty(token))
        {
            var validation = await tokens.ValidateAsync(token);
            return validation.IsValid
                ? IdentityResolution.Of(validation.Identity! with { ClientAddress = address })
                : IdentityResolution.Refused(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, validation.Error!);
        }

        if (!string.IsNullOrEmpty(anonId))
        {
            return AnonymousId.IsValid(anonId)
                ? IdentityResolution.Of(ChatIdentity.Anonymous(anonId) with { ClientAddress = address })
                : IdentityResolution.Refused(StatusCodes.Status400BadRequest, ErrorCodes.InvalidAnonId,
                    "x-anon-id must be 8 to 64 letters, digits, '-' or '_'.");
        }

        return IdentityResolution.Of(ChatIdentity.Anonymous(AnonymousId.New()) with { ClientAddress = address }) with { Issued = true };
    }

    /// <summary>The bearer token of a request, from the header first, then the query string.</summary>
    public static string? ReadToken(HttpRequest request) => BearerToken.FromRequest(request);
}

/// <summary>An identity, or why the request is refused.</summary>
public sealed record IdentityResolution(ChatIdentity? Identity, int Status, string? Code, string? Error)
{
    /// <summary>True when the caller sent no identity and a new anonymous id was made for it.</summary>
    public bool Issued { get; init; }

    public static IdentityResolution Of(ChatIdentity identity) => new(identity, StatusCodes.Status200OK, null, null);

    public static IdentityResolution Refused(int status, string code, string error) => new(null, status, code, error);
}
