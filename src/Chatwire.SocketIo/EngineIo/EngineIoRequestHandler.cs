using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// Entry point of every request under the Engine.IO path: validates the query like the reference server
/// (engine.io lib/server.ts, verify), then hands the request to the handshake or to a transport.
/// </summary>
internal sealed partial class EngineIoRequestHandler(
    EngineIoSessionStore sessions,
    IEngineIoSessionHandlerFactory handlers,
    IOptions<SocketIoOptions> options,
    ILoggerFactory loggerFactory)
{
    private const string PollingTransportName = "polling";
    private const string WebSocketTransportName = "websocket";

    private readonly SocketIoOptions _options = options.Value;
    private readonly CorsPolicy _cors = new(options.Value);
    private readonly ILogger _logger = loggerFactory.CreateLogger("Chatwire.SocketIo.EngineIo");

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away mid-request; nothing to answer.
            Log.RequestAborted(_logger, ex.Message);
        }
        catch (Exception ex)
        {
            Log.RequestFailed(_logger, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        if (_cors.Apply(context))
        {
            return;
        }

        var error = Validate(context, out var session);
        if (error is not null)
        {
            Log.RequestRejected(_logger, context.Request.Method, context.Request.QueryString.Value, error.Message);
            await error.WriteAsync(context.Response);
            return;
        }

        var isWebSocket = context.WebSockets.IsWebSocketRequest;
        if (session is null)
        {
            await HandshakeAsync(context, isWebSocket);
        }
        else if (isWebSocket)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await WebSocketTransport.UpgradeAsync(socket, session, _logger);
        }
        else if (HttpMethods.IsGet(context.Request.Method))
        {
            await PollingTransport.HandleGetAsync(context, session, _logger);
        }
        else
        {
            await PollingTransport.HandlePostAsync(context, session, _logger);
        }
    }

    private EngineIoError? Validate(HttpContext context, out EngineIoSession? session)
    {
        session = null;
        var request = context.Request;
        var transport = request.Query["transport"].ToString();
        if (transport is not (PollingTransportName or WebSocketTransportName))
        {
            return EngineIoError.UnknownTransport;
        }

        // Only protocol 4 is spoken; a missing EIO means an older client (server.ts: protocol 3 without allowEIO3).
        if (request.Query["EIO"] != "4")
        {
            return EngineIoError.UnsupportedProtocolVersion;
        }

        var isWebSocket = context.WebSockets.IsWebSocketRequest;
        if (isWebSocket != (transport == WebSocketTransportName))
        {
            return EngineIoError.BadRequest;
        }

        if (!_cors.IsAllowed(request))
        {
            return EngineIoError.Forbidden;
        }

        var sid = request.Query["sid"].ToString();
        if (sid.Length == 0)
        {
            return HttpMethods.IsGet(request.Method) ? null : EngineIoError.BadHandshakeMethod;
        }

        if (!sessions.TryGet(sid, out var existing))
        {
            return EngineIoError.UnknownSid;
        }

        // After an upgrade only the WebSocket carries the session, and a session upgrades once
        // (engine.io test suite: "ignores HTTP requests / WebSocket connection with same sid after upgrade").
        var acceptable = isWebSocket
            ? existing.Transport == EngineIoTransportKind.Polling && existing.Polling is { IsUpgrading: false }
            : existing.Transport == EngineIoTransportKind.Polling
                && (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method));
        if (!acceptable)
        {
            return EngineIoError.BadRequest;
        }

        session = existing;
        return null;
    }

    private async Task HandshakeAsync(HttpContext context, bool isWebSocket)
    {
        var transport = isWebSocket ? EngineIoTransportKind.WebSocket : EngineIoTransportKind.Polling;
        WebSocket? socket = isWebSocket ? await context.WebSockets.AcceptWebSocketAsync() : null;

        // Not disposed here: a polling session outlives its handshake request; a WebSocket one closes when the socket ends.
        var session = OpenSession(context, transport);
        var open = EncodeOpenPacket(session.Id, upgrades: !isWebSocket);
        if (socket is null)
        {
            await PollingTransport.WriteOpenAsync(context.Response, open);
            return;
        }

        using (socket)
        {
            session.TrySend(new OutboundMessage(open));
            await WebSocketTransport.RunAsync(socket, session, _logger);
        }
    }

    private EngineIoSession OpenSession(HttpContext context, EngineIoTransportKind transport)
    {
        var request = context.Request;
        var handshake = new SocketIoHandshake
        {
            Headers = new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)),
            Query = new QueryCollection(request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal)),
            RemoteAddress = context.Connection.RemoteIpAddress,
            User = context.User,
            Secure = request.IsHttps,
            Time = DateTimeOffset.UtcNow,
        };
        var session = new EngineIoSession(EngineIoSessionStore.NewId(), transport, handshake, _options, _logger, sessions.Remove);
        sessions.Add(session);
        session.Handler = handlers.Create(session);
        Log.SessionOpened(_logger, session.Id, transport);
        return session;
    }

    // The open packet (engine.io-protocol v4, "Handshake"); a WebSocket session has nothing to upgrade to.
    private byte[] EncodeOpenPacket(string sid, bool upgrades)
    {
        var output = new ArrayBufferWriter<byte>(160);
        output.Write([(byte)('0' + (int)EngineIoPacketType.Open)]);
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("sid"u8, sid);
        writer.WriteStartArray("upgrades"u8);
        if (upgrades)
        {
            writer.WriteStringValue(WebSocketTransportName);
        }

        writer.WriteEndArray();
        writer.WriteNumber("pingInterval"u8, (long)_options.PingInterval.TotalMilliseconds);
        writer.WriteNumber("pingTimeout"u8, (long)_options.PingTimeout.TotalMilliseconds);
        writer.WriteNumber("maxPayload"u8, _options.MaxPayload);
        writer.WriteEndObject();
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }
}
