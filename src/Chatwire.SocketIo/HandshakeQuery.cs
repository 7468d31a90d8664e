using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Chatwire.SocketIo;

/// <summary>
/// The query of the request that opened the session; keys compare exactly, as in the reference server's
/// <c>socket.handshake.query</c>, and a missing key reads as no value.
/// </summary>
internal sealed class HandshakeQuery(KeyValuePair<string, StringValues>[] entries) : HandshakeValues(entries), IQueryCollection
{
    protected override StringComparer Comparer => StringComparer.Ordinal;
}
