using System.Text.Json;

namespace Chatwire.SocketIo;

/// <summary>
/// Server options, bound from the <c>SocketIo</c> configuration section by
/// <see cref="SocketIoServiceCollectionExtensions.AddSocketIo"/>. Defaults match the reference server.
/// </summary>
public sealed class SocketIoOptions
{
    public const string SectionName = "SocketIo";

    /// <summary>Request path of both transports.</summary>
    public string Path { get; set; } = "/socket.io/";

    /// <summary>How often the server pings each client (Engine.IO "Heartbeat").</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromMilliseconds(25_000);

    /// <summary>How long the server waits for the pong before it closes the session.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromMilliseconds(20_000);

    /// <summary>Largest Engine.IO message or long-polling request body accepted, in bytes.</summary>
    public long MaxPayload { get; set; } = 1_000_000;

    /// <summary>How long a client may stay connected without joining any namespace.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(45_000);

    /// <summary>Default wait for a client's acknowledgement of <see cref="SocketIoSocket.EmitWithAckAsync(string, object?[])"/>.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Origins allowed for cross-origin requests ("*" for any). Empty: no CORS headers and no origin check.
    /// Not empty: requests whose Origin header is not listed are refused with 403 (code 4, "Forbidden").
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Adds Access-Control-Allow-Credentials so browsers send cookies on cross-origin polling.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>
    /// Messages queued per client before it is considered stuck and disconnected. The bound keeps one slow
    /// reader from growing the server's memory without limit.
    /// </summary>
    public int SendBufferCapacity { get; set; } = 1024;

    /// <summary>Most binary attachments one Socket.IO packet may announce (reference parser default).</summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>Serializer settings for event arguments; web defaults (camelCase) when null.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }
}
