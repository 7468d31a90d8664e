using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

internal sealed partial class EngineIoSession
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId} closed: {Reason}")]
        public static partial void SessionClosed(ILogger logger, string sessionId, string reason);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
            Message = "Engine.IO session {SessionId} disconnected: its send buffer of {Capacity} messages is full, the client is not reading")]
        public static partial void SendBufferOverflow(ILogger logger, string sessionId, int capacity);

        [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId} got an unexpected {PacketType} packet")]
        public static partial void UnexpectedPacket(ILogger logger, string sessionId, EngineIoPacketType packetType);

        [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Engine.IO session {SessionId}: the Socket.IO layer failed")]
        public static partial void HandlerFailed(ILogger logger, string sessionId, Exception exception);
    }
}
