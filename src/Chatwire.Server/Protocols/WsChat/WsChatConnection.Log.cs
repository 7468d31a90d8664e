namespace Chatwire.Server.Protocols.WsChat;

internal sealed partial class WsChatConnection
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "ws/chat connection authenticated as {UserId}")]
    private partial void LogAuthenticated(string userId);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "ws/chat authentication failed: {Reason}")]
    private partial void LogAuthenticationFailed(string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "ws/chat connection lost: {Reason}")]
    private partial void LogConnectionLost(string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "ws/chat frame over {MaxBytes} bytes; closing with 1009")]
    private partial void LogFrameTooLarge(int maxBytes);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "ws/chat client did not take a frame within {Timeout}; dropped as a slow consumer")]
    private partial void LogSlowConsumer(TimeSpan timeout);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "ws/chat turn failed unexpectedly")]
    private partial void LogTurnFailed(Exception exception);
}
