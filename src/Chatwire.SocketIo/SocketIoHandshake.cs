using System.Net;
using System.Runtime.InteropServices;
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
    private static readonly JsonElement EmptyAuth = JsonElement.Parse("{}"u8);

    // The payload as the client sent it: a parsed document kept for the session's whole life was about
    // half a kilobyte of every idle session, and most handlers read the payload once, while connecting.
    private byte[]? _auth;

    /// <summary>The request's headers, read-only; names compare ignoring case.</summary>
    public required IHeaderDictionary Headers { get; init; }

    /// <summary>The request's query, read-only; keys compare exactly.</summary>
    public required IQueryCollection Query { get; init; }

    /// <summary>
    /// The CONNECT packet payload (socket.io-protocol v5, "Connection to a namespace"); an empty object when none was sent.
    /// Parsed anew from the bytes the client sent on every read: read it once and keep the element.
    /// </summary>
    public JsonElement Auth
    {
        get => _auth is null ? EmptyAuth : JsonElement.Parse(_auth);

        // The default element (JsonValueKind.Undefined) stands for no payload.
        init => _auth = value.ValueKind == JsonValueKind.Undefined ? null : JsonMarshal.GetRawUtf8Value(value).ToArray();
    }

    public IPAddress? RemoteAddress { get; init; }

    /// <summary>The user ASP.NET Core authentication established for the opening request, if any.</summary>
    public required ClaimsPrincipal User { get; init; }

    public bool Secure { get; init; }

    public DateTimeOffset Time { get; init; }
}
