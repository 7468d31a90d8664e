namespace Chatwire.SocketIo.EngineIo;

/// <summary>Close reasons, worded like the reference server so client-side logs read the same.</summary>
internal static class CloseReasons
{
    public const string TransportClose = "transport close";
    public const string TransportError = "transport error";
    public const string PingTimeout = "ping timeout";
    public const string ParseError = "parse error";
    public const string ForcedClose = "forced close";
    public const string ServerShuttingDown = "server shutting down";
    public const string PayloadTooLarge = "payload too large";
    public const string SendBufferOverflow = "send buffer overflow";
    public const string DuplicateRequest = "duplicate polling request";
    public const string ConnectTimeout = "connect timeout";
}
