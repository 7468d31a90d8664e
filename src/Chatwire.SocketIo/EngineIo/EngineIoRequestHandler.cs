using System.Buffers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
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

    // Engine.IO pings on its own (engine.io-protocol v4, "Heartbeat"): WebSocket keep-alive frames
    // would be redundant, and each would cost the session a timer.
    private static readonly WebSocketAcceptContext AcceptContext = new() { KeepAliveInterval = TimeSpan.Zero };

    // Most sessions carry no ASP.NET Core user: they share one empty principal instead of keeping one each.
    private static readonly ClaimsPrincipal Unauthenticated = new(new ClaimsIdentity());

    private readonly SocketIoOptions _options = options.Value;
    private readonly CorsPolicy _cors = new(options.Value);
    private readonly ILogger _logger = loggerFactory.CreateLogger("Chatwire.SocketIo.EngineIo");

    // Made once: a method group passed to each session is a new delegate that the session keeps for life.
    private readonly Action<EngineIoSession> _forgetSession = sessions.Remove;

    /// <remarks>
    /// A WebSocket is served by a task that takes from the request only what its session keeps
    /// (<see cref="SocketIoHandshake"/>): the request itself, its headers and features, would
    /// otherwise stay alive for the connection's whole life (docs/benchmarks.md, idle memory).
    /// </remarks>
    public Task HandleAsync(HttpContext context)
    {
        try
        {
            if (context.WebSockets.IsWebSocketRequest && Validate(context, out var session) is null)
            {
                var accepting = context.WebSockets.AcceptWebSocketAsync(AcceptContext);
                return session is null
                    ? ServeNewSessionAsync(accepting, CreateHandshake(context))
                    : ServeUpgradeAsync(accepting, session);
            }
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }

        return HandleHttpAsync(context);
    }

    private async Task HandleHttpAsync(HttpContext context)
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

    /// <summary>Polling requests, and WebSocket requests refused by validation (answered here with the error).</summary>
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
        }
        else if (session is null)
        {
            var opened = OpenSession(CreateHandshake(context), EngineIoTransportKind.Polling);
            await PollingTransport.WriteOpenAsync(context.Response, EncodeOpenPacket(opened.Id, upgrades: true));
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

    private Task ServeNewSessionAsync(Task<WebSocket> accepting, SocketIoHandshake handshake) =>
        OnceAccepted(accepting, socket =>
        {
            // Not disposed here: the session closes when the socket ends.
            var session = OpenSession(handshake, EngineIoTransportKind.WebSocket);
            session.TrySend(new OutboundMessage(EncodeOpenPacket(session.Id, upgrades: false)));
            return WebSocketTransport.RunAsync(socket, session, _logger);
        });

    private Task ServeUpgradeAsync(Task<WebSocket> accepting, EngineIoSession session) =>
        OnceAccepted(accepting, socket => WebSocketTransport.UpgradeAsync(socket, session, _logger));

    /// <summary>
    /// Serves the WebSocket once accepted. The accept usually completes at once, and then the task
    /// returned is the transport's own: nothing of this handler waits for the connection's whole life.
    /// The transport disposes the socket and handles its failures; anything else is the host's to log.
    /// </summary>
    private Task OnceAccepted(Task<WebSocket> accepting, Func<WebSocket, Task> serve) =>
        accepting.IsCompletedSuccessfully ? serve(accepting.Result) : AcceptThenServeAsync(accepting, serve);

    private async Task AcceptThenServeAsync(Task<WebSocket> accepting, Func<WebSocket, Task> serve)
    {
        WebSocket socket;
        try
        {
            socket = await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or WebSocketException)
        {
            // The client left during the handshake.
            Log.RequestAborted(_logger, ex.Message);
            return;
        }

        await serve(socket);
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

    /// <summary>What a session keeps of the request that opened it: copies, so the request itself can go.</summary>
    private static SocketIoHandshake CreateHandshake(HttpContext context)
    {
        var request = context.Request;
        return new SocketIoHandshake
        {
            Headers = new HandshakeHeaders([.. request.Headers.Select(CopyHeader)]),
            Query = new HandshakeQuery([.. request.Query.Select(CopyQueryPair)]),
            RemoteAddress = context.Connection.RemoteIpAddress,
            User = context.User.Identities.Any(i => i.IsAuthenticated) ? context.User : Unauthenticated,
            Secure = request.IsHttps,
            Time = DateTimeOffset.UtcNow,
        };
    }

    private static KeyValuePair<string, StringValues> CopyHeader(KeyValuePair<string, StringValues> header)
    {
        var name = HandshakeStrings.HeaderName(header.Key);
        return new(name, header.Value.Count == 1 ? new StringValues(HandshakeStrings.HeaderValue(name, header.Value[0]!)) : header.Value);
    }

    private static KeyValuePair<string, StringValues> CopyQueryPair(KeyValuePair<string, StringValues> pair) =>
        new(HandshakeStrings.Token(pair.Key), pair.Value.Count == 1 ? new StringValues(HandshakeStrings.Token(pair.Value[0]!)) : pair.Value);

    private EngineIoSession OpenSession(SocketIoHandshake handshake, EngineIoTransportKind transport)
    {
        var session = new EngineIoSession(EngineIoSessionStore.NewId(), transport, handshake, _options, _logger, _forgetSession);
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
