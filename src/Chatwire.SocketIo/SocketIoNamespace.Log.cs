using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo;

public sealed partial class SocketIoNamespace
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "A Socket.IO handler failed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception);
    }
}
