using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Chatwire.SocketIo;

/// <summary>
/// What the client presented when it connected: the HTTP request that opened the Engine.IO session
/// (copied, since the request itself is gone by the time handlers run) and the namespace CONNECT auth payload.
/// </summary>
public sealed record SocketIoHandshake
{
    public required IHeaderDictionary Headers { get; init; }

    public required IQueryCollection Query { get; init; }

    /// <summary>The CONNECT packet payload (socket.io-protocol v5, "Connection to a namespace"); an empty object when none was sent.</summary>
    public JsonElement Auth { get; init; }

    public IPAddress? RemoteAddress { get; init; }

    /// <summary>The user ASP.NET Core authentication established for the opening request, if any.</summary>
    public required ClaimsPrincipal User { get; init; }

    public bool Secure { get; init; }

    public DateTimeOffset Time { get; init; }
}
