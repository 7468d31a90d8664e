namespace Chatwire.SocketIo.Protocol;

/// <summary>Socket.IO v5 packet types (socket.io-protocol v5, "Exchange protocol").</summary>
internal enum SocketIoPacketType : byte
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
}
