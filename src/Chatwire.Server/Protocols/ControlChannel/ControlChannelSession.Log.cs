namespace Chatwire.Server.Protocols.ControlChannel;

public sealed partial class ControlChannelSession
{
    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Control channel of {Owner} fell {Backlog} notifications behind and is disconnected")]
    private partial void LogSlowConsumer(string owner, int backlog);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Sending the changes of {Owner} failed; retried on the next notification")]
    private partial void LogCatchUpFailed(Exception exception, string owner);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Control channel command {Command} failed")]
    private partial void LogCommandFailed(Exception exception, string command);
}
