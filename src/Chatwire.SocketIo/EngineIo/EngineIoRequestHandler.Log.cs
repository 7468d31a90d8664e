using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

internal sealed partial class EngineIoRequestHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 130, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId} opened over {Transport}")]
        public static partial void SessionOpened(ILogger logger, string sessionId, EngineIoTransportKind transport);

        [LoggerMessage(EventId = 131, Level = LogLevel.Debug, Message = "Engine.IO request {Method} {Query} refused: {Reason}")]
        public static partial void RequestRejected(ILogger logger, string method, string? query, string reason);

        [LoggerMessage(EventId = 132, Level = LogLevel.Debug, Message = "Engine.IO request aborted by the client ({Detail})")]
        public static partial void RequestAborted(ILogger logger, string detail);

        [LoggerMessage(EventId = 133, Level = LogLevel.Error, Message = "Engine.IO request failed")]
        public static partial void RequestFailed(ILogger logger, Exception exception);
    }
}
