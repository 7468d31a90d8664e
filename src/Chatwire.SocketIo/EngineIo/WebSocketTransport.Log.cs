using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

internal sealed partial class WebSocketTransport
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId} upgraded to WebSocket")]
        public static partial void Upgraded(ILogger logger, string sessionId);

        [LoggerMessage(EventId = 121, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId}: upgrade failed ({Detail})")]
        public static partial void UpgradeFailed(ILogger logger, string sessionId, string detail);

        [LoggerMessage(EventId = 125, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId}: upgrade failed, unexpected {PacketType} packet while probing")]
        public static partial void UnexpectedProbePacket(ILogger logger, string sessionId, EngineIoPacketType packetType);

        [LoggerMessage(EventId = 122, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId}: WebSocket error ({Detail})")]
        public static partial void TransportError(ILogger logger, string sessionId, string detail);

        [LoggerMessage(EventId = 123, Level = LogLevel.Debug, Message = "Engine.IO session {SessionId}: malformed WebSocket frame, closing")]
        public static partial void InvalidFrame(ILogger logger, string sessionId);

        [LoggerMessage(EventId = 124, Level = LogLevel.Information, Message = "Engine.IO session {SessionId}: message over {MaxPayload} bytes, closing")]
        public static partial void PayloadTooLarge(ILogger logger, string sessionId, long maxPayload);
    }
}
