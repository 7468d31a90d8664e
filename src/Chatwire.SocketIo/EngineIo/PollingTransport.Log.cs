using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

internal static partial class PollingTransport
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId}: second concurrent {Method}, closing")]
        public static partial void DuplicateRequest(ILogger logger, string sessionId, string method);

        [LoggerMessage(EventId = 112, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId}: malformed polling payload, closing")]
        public static partial void InvalidPayload(ILogger logger, string sessionId);

        [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Engine.IO session {SessionId}: payload over {MaxPayload} bytes, closing")]
        public static partial void PayloadTooLarge(ILogger logger, string sessionId, long maxPayload);
    }
}
