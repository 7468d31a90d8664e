using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo;

public sealed partial class SocketIoSocket
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 210, Level = LogLevel.Debug, Message = "Socket {SocketId} left {Namespace}: {Reason}")]
        public static partial void Disconnected(ILogger logger, string socketId, string @namespace, string reason);

        [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Socket {SocketId}: no handler for event {EventName}")]
        public static partial void NoHandler(ILogger logger, string socketId, string eventName);

        [LoggerMessage(EventId = 212, Level = LogLevel.Error, Message = "Socket {SocketId}: a Disconnected token callback failed")]
        public static partial void CancellationCallbackFailed(ILogger logger, string socketId, Exception exception);
    }
}
