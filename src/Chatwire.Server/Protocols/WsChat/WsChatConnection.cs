using System.Net.WebSockets;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Auth;
using Chatwire.Server.Protocols.WebSockets;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>
/// One <c>/ws/chat</c> connection. The receive loop owns the socket's reader: it authenticates,
/// answers pings and bad frames at once, and queues messages. A worker, running only while messages
/// wait, answers them one at a time, in order. Every frame goes out through the one <see cref="WebSocketFrameWriter"/>.
/// </summary>
/// <param name="initialToken">A token the upgrade request carried (header or <c>?token=</c>), judged before anything else.</param>
/// <param name="stopping">Server shutdown: ends the connection and its running turn.</param>
internal sealed partial class WsChatConnection(
    ChatEngine engine,
    TokenService tokens,
    WsChatOptions options,
    ILogger logger,
    string? brandId,
    ChatIdentity? anonymous,
    string? initialToken,
    CancellationToken stopping) : IWebSocketMessageHandler, IDisposable
{
    private const string Wire = "ws-chat";

    private readonly AnswerBuffer _answer = new();
    private readonly ILogger _logger = logger;
    private WebSocket _socket = null!;
    private WebSocketFrameWriter _writer = null!;
    private CancellationTokenRegistration _goingAway;

    // Made by the receive loop on the first message: a connection that only waits keeps none.
    private SerialWorkQueue<QueuedMessage>? _queue;

    // Read and written by the receive loop only; a queued message carries the identity it was sent under.
    private ChatIdentity? _identity;

    // Dropped once judged: an idle connection keeps no copy of its token.
    private string? _initialToken = initialToken;

    /// <summary>Serves the connection once the WebSocket is accepted, until the client leaves or the server stops; then disposes it.</summary>
    public Task ServeAsync(Task<WebSocket> accepting) =>
        accepting.IsCompletedSuccessfully ? ServeAsync(accepting.Result) : ServeOnceAcceptedAsync(accepting);

    // An accept that completes later waits in a frame of its own, so the serving frame never keeps the accept's task.
    private async Task ServeOnceAcceptedAsync(Task<WebSocket> accepting) => await ServeAsync(await accepting);

    // Not async: the receive loop's frame is the connection's only one. It opens, reads and closes
    // through this connection's handler methods below.
    private Task<WebSocketLoopEnd> ServeAsync(WebSocket accepted)
    {
        _socket = accepted;
        _writer = new WebSocketFrameWriter(_socket, options.SendTimeout);
        _identity = anonymous;
        _goingAway = _writer.CloseOnShutdown(stopping);
        return WebSocketReceiveLoop.RunAsync(_socket, _writer, options.MaxFrameBytes, this, CancellationToken.None);
    }

    async Task IWebSocketMessageHandler.OpenedAsync(CancellationToken cancellationToken)
    {
        if (_initialToken is { } token)
        {
            _initialToken = null;
            try
            {
                await AuthenticateAsync(token, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Server shutting down while authenticating: the socket is being closed, and the loop ends at once.
            }
        }
    }

    async ValueTask IWebSocketMessageHandler.ClosedAsync(WebSocketLoopEnd? end)
    {
        if (end is { } ended)
        {
            LogEnd(ended);
        }

        // Whatever ended the connection ends its work: the running turn is cancelled upstream
        // (and stored as cancelled with its partial text) and queued messages are dropped.
        if (_queue is { } queue)
        {
            await queue.CloseAsync();
        }

        if (_writer.DroppedAsSlowConsumer)
        {
            LogSlowConsumer(options.SendTimeout);
        }

        Dispose();
        _goingAway.Dispose();
        _socket.Dispose();
    }

    private SerialWorkQueue<QueuedMessage> Queue => _queue ??= new(Math.Max(1, options.QueueCapacity), AnswerAsync, stopping);

    private void LogEnd(WebSocketLoopEnd end)
    {
        switch (end.Reason)
        {
            case WebSocketLoopEndReason.Lost:
                LogConnectionLost(end.Detail!);
                break;
            case WebSocketLoopEndReason.FrameTooBig:
                LogFrameTooLarge(options.MaxFrameBytes);
                break;
        }
    }

    Task IWebSocketMessageHandler.HandleMessageAsync(ReadOnlyMemory<byte>? text, CancellationToken cancellationToken) => HandleAsync(
        text is { } json
            ? WsChatFrameReader.Parse(json.Span)
            : new InvalidFrame(ErrorCodes.InvalidFormat, "Binary frames are not supported; send JSON text frames."),
        cancellationToken);

    private async Task HandleAsync(ClientFrame frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case AuthFrame auth:
                await AuthenticateAsync(auth.Token, cancellationToken);
                break;
            case MessageFrame when _identity is null:
                await SendErrorAsync(ErrorCodes.AuthRequired, "Authentication required: send an auth frame with your token first.", cancellationToken);
                break;
            case MessageFrame message when !Queue.TryEnqueue(new QueuedMessage(message, _identity)):
                await SendErrorAsync(ErrorCodes.QueueFull, $"Too many messages waiting (at most {options.QueueCapacity} behind the one being answered); wait for the current answer.", cancellationToken);
                break;
            case PingFrame:
                await _writer.SendAsync(0, WsChatFrames.WritePong, cancellationToken);
                break;
            case InvalidFrame invalid:
                await SendErrorAsync(invalid.Code, invalid.Message, cancellationToken);
                break;
        }
    }

    /// <summary>A failed attempt leaves the connection unauthenticated (or anonymous, when allowed) and open for another try.</summary>
    private async Task AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        var validation = await tokens.ValidateAsync(token);
        if (validation.Identity is { } identity)
        {
            _identity = identity;
            LogAuthenticated(identity.Id);
            await _writer.SendAsync(identity, WsChatFrames.WriteAuthSuccess, cancellationToken);
        }
        else
        {
            _identity = anonymous;
            LogAuthenticationFailed(validation.Error!);
            await _writer.SendAsync(validation.Error!, WsChatFrames.WriteAuthError, cancellationToken);
        }
    }

    private async Task AnswerAsync(QueuedMessage queued, CancellationToken cancellationToken)
    {
        var message = queued.Frame;
        var request = new TurnRequest
        {
            Identity = queued.Identity,
            Message = message.Message ?? "",
            ConversationId = message.SessionId,
            CustomerId = message.CustomerId,
            BrandId = message.BrandId ?? brandId ?? options.DefaultBrand,
            Model = message.Model,
            Wire = Wire,
        };
        _answer.Clear();
        try
        {
            await foreach (var chatEvent in engine.RunAsync(request, cancellationToken))
            {
                var delivered = chatEvent switch
                {
                    TurnProgress progress => await _writer.SendAsync(progress, WsChatFrames.WriteProgress, cancellationToken),
                    TurnDelta delta => await SendTokenAsync(delta.Text, cancellationToken),
                    TurnCompleted completed => await _writer.SendAsync(completed.Result, WsChatFrames.WriteComplete, cancellationToken),
                    TurnFailed { Code: ErrorCodes.Cancelled } when cancellationToken.IsCancellationRequested => false,
                    TurnFailed failed => await _writer.SendAsync((failed.Code, failed.Message, failed.RetryAfter), WsChatFrames.WriteError, cancellationToken),
                    _ => true,
                };
                if (!delivered)
                {
                    // The client is gone: leaving the loop ends the turn, which stores it as cancelled.
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogTurnFailed(exception);
            await SendErrorAsync(ErrorCodes.ProcessingError, "The message could not be processed. Please try again.", cancellationToken);
        }
        finally
        {
            // Between answers the connection holds no answer buffer.
            _answer.Clear();
        }
    }

    private ValueTask<bool> SendTokenAsync(string token, CancellationToken cancellationToken)
    {
        _answer.Append(token);
        return _writer.SendAsync(new WsChatFrames.TokenState(token, _answer), WsChatFrames.WriteToken, cancellationToken);
    }

    private ValueTask<bool> SendErrorAsync(string code, string message, CancellationToken cancellationToken) =>
        _writer.SendAsync((code, message, (TimeSpan?)null), WsChatFrames.WriteError, cancellationToken);

    private sealed record QueuedMessage(MessageFrame Frame, ChatIdentity Identity);

    public void Dispose()
    {
        _writer?.Dispose();
        _answer.Dispose();
    }
}
