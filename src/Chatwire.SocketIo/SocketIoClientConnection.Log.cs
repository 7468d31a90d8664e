using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo;

internal sealed partial class SocketIoClientConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 220, Level = LogLevel.Debug, Message = "Socket {SocketId} connected to {Namespace}")]
        public static partial void Connected(ILogger logger, string socketId, string @namespace);

        [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "Engine.IO session {SessionId}: Socket.IO protocol violation ({Detail}), closing")]
        public static partial void ProtocolViolation(ILogger logger, string sessionId, string detail);

        [LoggerMessage(EventId = 222, Level = LogLevel.Error, Message = "Connect middleware of {Namespace} failed")]
        public static partial void MiddlewareFailed(ILogger logger, string @namespace, Exception exception);

        [LoggerMessage(EventId = 223, Level = LogLevel.Error, Message = "Connecting to {Namespace} failed")]
        public static partial void ConnectFailed(ILogger logger, string @namespace, Exception exception);

        [LoggerMessage(EventId = 224, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId} joined no namespace in time, closing")]
        public static partial void ConnectTimeout(ILogger logger, string sessionId);
    }
}
