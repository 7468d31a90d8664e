using System.Text.Json;

namespace Chatwire.SocketIo.Protocol;

/// <summary>
/// One decoded Socket.IO packet header and JSON payload. <see cref="Data"/> is null when the packet has
/// no payload; for binary packets it still holds the <c>{"_placeholder":true,"num":N}</c> objects and
/// <see cref="AttachmentCount"/> says how many binary Engine.IO messages follow.
/// </summary>
internal sealed record SocketIoPacket(
    SocketIoPacketType Type,
    string Namespace,
    long? AckId,
    JsonElement? Data,
    int AttachmentCount)
{
    public const string MainNamespace = "/";

    public bool IsBinary => Type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck;
}
