using System.Text.Json;
using Chatwire.Core.Usage;
using Chatwire.Server.Auth;
using Chatwire.SocketIo;

namespace Chatwire.Server.Protocols.SocketIo;

/// <summary>
/// Who a Socket.IO socket speaks for, decided once in the CONNECT middleware from the handshake:
/// <c>auth.token</c> or <c>?token=</c> (a user), else <c>auth.anonId</c> or the <c>x-anon-id</c>
/// header (an anonymous visitor), else a new anonymous id for this connection.
/// </summary>
internal static class SocketIoCaller
{
    private const string IdentityItem = "chatwire.identity";

    public static async Task AuthenticateAsync(SocketIoConnectContext context, HttpIdentityResolver identities)
    {
        var handshake = context.Socket.Handshake;

        // Read once: the handshake parses its auth payload on every read.
        var auth = handshake.Auth;
        var token = AuthString(auth, "token") ?? FirstOrNull(handshake.Query["token"].ToString());
        var anonId = AuthString(auth, "anonId") ?? AuthString(auth, "anon_id")
            ?? FirstOrNull(handshake.Headers[AnonymousId.HeaderName].ToString());
        var resolution = await identities.ResolveAsync(token, anonId, handshake.RemoteAddress?.ToString());
        if (resolution.Identity is not { } identity)
        {
            context.Reject(resolution.Error!, new { code = resolution.Code });
            return;
        }

        context.Socket.Items[IdentityItem] = identity;
        context.Socket.Join(identity.Key);
    }

    public static ChatIdentity IdentityOf(SocketIoSocket socket) => (ChatIdentity)socket.Items[IdentityItem]!;

    private static string? AuthString(JsonElement auth, string name) =>
        auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? FirstOrNull(value.GetString())
            : null;

    private static string? FirstOrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
