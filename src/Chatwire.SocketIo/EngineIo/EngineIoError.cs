using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// Request errors with the codes and messages of the reference server (engine.io lib/server.ts, Server.errors),
/// answered as <c>{"code":N,"message":"..."}</c>.
/// </summary>
internal sealed record EngineIoError(int Code, string Message, int StatusCode = StatusCodes.Status400BadRequest)
{
    public static readonly EngineIoError UnknownTransport = new(0, "Transport unknown");
    public static readonly EngineIoError UnknownSid = new(1, "Session ID unknown");
    public static readonly EngineIoError BadHandshakeMethod = new(2, "Bad handshake method");
    public static readonly EngineIoError BadRequest = new(3, "Bad request");
    public static readonly EngineIoError Forbidden = new(4, "Forbidden", StatusCodes.Status403Forbidden);
    public static readonly EngineIoError UnsupportedProtocolVersion = new(5, "Unsupported protocol version");

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = StatusCode;
        response.ContentType = "application/json";
        using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteNumber("code"u8, Code);
        writer.WriteString("message"u8, Message);
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted);
    }
}
