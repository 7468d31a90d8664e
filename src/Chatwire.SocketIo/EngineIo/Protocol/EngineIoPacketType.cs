namespace Chatwire.SocketIo.EngineIo.Protocol;

/// <summary>Engine.IO v4 packet types (engine.io-protocol v4, "Protocol").</summary>
internal enum EngineIoPacketType : byte
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
}
