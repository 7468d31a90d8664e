using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Chatwire.Server.Auth;

/// <summary>
/// Where a wire finds the caller's JWT: the <c>Authorization: Bearer</c> header, the <c>?token=</c>
/// query parameter (browsers cannot set headers on WebSocket or EventSource), or a <c>token</c> field
/// of a JSON payload (an auth frame, the Socket.IO handshake <c>auth</c> object, a message payload).
/// Reading lives here and judging lives in <see cref="TokenService"/>, so every wire treats a token alike.
/// </summary>
public static class BearerToken
{
    public const string QueryParameter = "token";
    public const string FieldName = "token";

    /// <summary>The token of an HTTP request (or WebSocket upgrade), from the header first, then the query string.</summary>
    public static string? FromRequest(HttpRequest request) =>
        FromAuthorizationHeader(request.Headers.Authorization.ToString())
        ?? (request.Query.TryGetValue(QueryParameter, out var query) && !StringValues.IsNullOrEmpty(query) ? query.ToString() : null);

    /// <summary>The token of an <c>Authorization</c> header value, when it is a bearer credential.</summary>
    public static string? FromAuthorizationHeader(string? header)
    {
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = header["Bearer ".Length..].Trim();
        return value.Length > 0 ? value : null;
    }

    /// <summary>The <c>token</c> string field of a JSON object (auth frame, handshake auth, payload); null when absent or not a string.</summary>
    public static string? FromJson(JsonElement payload, string field = FieldName) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
