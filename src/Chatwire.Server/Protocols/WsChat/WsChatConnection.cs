using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Auth;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>
/// One <c>/ws/chat</c> connection. The receive loop owns the socket's reader: it authenticates,
/// answers pings and format errors at once, and queues messages. A single worker answers the
/// queued messages one at a time, in order. Every frame goes out through one lock and one writer.
/// </summary>
internal sealed partial class WsChatConnection : IAsyncDisposable
{
    private const string Wire = "ws-chat";

    private readonly WebSocket _socket;
    private readonly ChatEngine _engine;
    private readonly TokenService _tokens;
    private readonly WsChatOptions _options;
    private readonly ILogger _logger;
    private readonly string? _brandId;
    private readonly ChatIdentity? _anonymous;
    private readonly Channel<QueuedMessage> _queue;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly WsChatFrameWriter _writer = new();
    private CancellationTokenSource _sendTimeout = new();
    private ChatIdentity? _identity;

    // The answer so far of the turn being streamed, reused across turns: partial_response is written from it without a string per token.
    private char[] _partial = ArrayPool<char>.Shared.Rent(1024);
    private int _partialLength;

    public WsChatConnection(WebSocket socket, ChatEngine engine, TokenService tokens, WsChatOptions options, ILogger logger, string? brandId, ChatIdentity? anonymous)
    {
        _socket = socket;
        _engine = engine;
        _tokens = tokens;
        _options = options;
        _logger = logger;
        _brandId = brandId;
        _anonymous = anonymous;
        _identity = anonymous;
        _queue = Channel.CreateBounded<QueuedMessage>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity))
        {
            SingleReader = true,
            SingleWriter = true,
        });
    }

    private ReadOnlySpan<char> Partial => _partial.AsSpan(0, _partialLength);

    /// <summary>Serves the connection until the client leaves or the server stops.</summary>
    /// <param name="initialToken">A token the upgrade request carried (header or <c>?token=</c>), judged before anything else.</param>
    public async Task RunAsync(string? initialToken, CancellationToken stopping)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var worker = ProcessQueueAsync(lifetime.Token);
        try
        {
            if (initialToken is not null)
            {
                await AuthenticateAsync(initialToken);
            }

            await ReceiveLoopAsync(lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Server shutting down.
        }
        catch (WebSocketException exception)
        {
            // The client vanished without a close frame, or a keep-alive ping went unanswered.
            LogConnectionLost(exception.WebSocketErrorCode);
        }
        finally
        {
            // Whatever ended the connection ends its work: the running turn is cancelled upstream
            // (and stored as cancelled with its partial text) and queued messages are dropped.
            _queue.Writer.TryComplete();
            await lifetime.CancelAsync();
            await worker;
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var limit = _options.MaxFrameBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(4096, limit));
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count, Math.Min(buffer.Length, limit) - count), cancellationToken);
                    count += result.Count;
                }
                while (!result.EndOfMessage && count < limit);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, null);
                    return;
                }

                if (count >= limit)
                {
                    LogFrameTooLarge(_options.MaxFrameBytes);
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Frames are limited to {_options.MaxFrameBytes} bytes.");
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await SendErrorAsync(ErrorCodes.InvalidFormat, "Binary frames are not supported; send JSON text frames.");
                    continue;
                }

                await HandleAsync(WsChatFrameReader.Parse(buffer.AsSpan(0, count)));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(ClientFrame frame)
    {
        switch (frame)
        {
            case AuthFrame auth:
                await AuthenticateAsync(auth.Token);
                break;
            case MessageFrame message when _identity is null:
                await SendErrorAsync(ErrorCodes.AuthRequired, "Authentication required. Send {\"type\":\"auth\",\"token\":\"<jwt>\"} first.");
                break;
            case MessageFrame message:
                if (!_queue.Writer.TryWrite(new QueuedMessage(message, _identity)))
                {
                    await SendErrorAsync(ErrorCodes.QueueFull, $"Too many messages waiting; at most {_options.QueueCapacity} can wait behind the one being answered.");
                }

                break;
            case PingFrame:
                await SendAsync(0, static (writer, _) => writer.Pong());
                break;
            case InvalidFrame invalid:
                await SendErrorAsync(invalid.Code, invalid.Message);
                break;
        }
    }

    /// <summary>A failed attempt leaves the connection unauthenticated (or anonymous, when allowed) and open for another try.</summary>
    private async Task AuthenticateAsync(string? token)
    {
        var validation = await _tokens.ValidateAsync(token);
        if (validation.Identity is { } identity)
        {
            _identity = identity;
            LogAuthenticated(identity.Id);
            await SendAsync(identity, static (writer, user) => writer.AuthSuccess(user));
        }
        else
        {
            _identity = _anonymous;
            LogAuthenticationFailed(validation.Error!);
            await SendAsync(validation.Error!, static (writer, error) => writer.AuthError(error));
        }
    }

    private async Task ProcessQueueAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                await AnswerAsync(queued, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Connection over; the queue is dropped.
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
            BrandId = message.BrandId ?? _brandId ?? _options.DefaultBrand,
            Model = message.Model,
            Wire = Wire,
        };
        _partialLength = 0;
        try
        {
            await foreach (var chatEvent in _engine.RunAsync(request, cancellationToken))
            {
                switch (chatEvent)
                {
                    case TurnProgress progress:
                        await SendAsync(progress, static (writer, p) => writer.Progress(p.Step, p.Text));
                        break;
                    case TurnDelta delta:
                        Append(delta.Text);
                        await SendAsync((Connection: this, delta.Text), static (writer, s) => writer.TokenFrame(s.Text, s.Connection.Partial));
                        break;
                    case TurnCompleted completed:
                        await SendAsync(completed.Result, static (writer, result) => writer.Complete(result));
                        break;
                    case TurnFailed { Code: ErrorCodes.Cancelled } when cancellationToken.IsCancellationRequested:
                        // Nobody is listening any more.
                        break;
                    case TurnFailed failed:
                        await SendAsync(failed, static (writer, f) => writer.ErrorFrame(f.Code, f.Message, f.RetryAfter));
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
            await SendErrorAsync(ErrorCodes.ProcessingError, "The message could not be processed. Please try again.");
        }
    }

    private void Append(string text)
    {
        if (_partialLength + text.Length > _partial.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_partial.Length * 2, _partialLength + text.Length));
            Partial.CopyTo(larger);
            ArrayPool<char>.Shared.Return(_partial);
            _partial = larger;
        }

        text.CopyTo(_partial.AsSpan(_partialLength));
        _partialLength += text.Length;
    }

    private Task SendErrorAsync(string code, string message) =>
        SendAsync((code, message), static (writer, e) => writer.ErrorFrame(e.code, e.message));

    /// <summary>
    /// Writes one frame and sends it; frames from the receive loop and the worker never interleave.
    /// A client that takes longer than <see cref="WsChatOptions.SendTimeout"/> to take one frame is
    /// dropped (cancelling a WebSocket send aborts the socket), so a slow reader cannot pin memory.
    /// </summary>
    private async Task SendAsync<TState>(TState state, Func<WsChatFrameWriter, TState, ReadOnlyMemory<byte>> write)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            var frame = write(_writer, state);
            _sendTimeout.CancelAfter(_options.SendTimeout);
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _sendTimeout.Token);
            if (!_sendTimeout.TryReset())
            {
                _sendTimeout.Dispose();
                _sendTimeout = new CancellationTokenSource();
            }
        }
        catch (OperationCanceledException)
        {
            LogSlowConsumer(_options.SendTimeout);
        }
        catch (WebSocketException)
        {
            // The client is gone; the receive loop notices and ends the connection.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Starts or completes the close handshake; taking the send lock means no frame of a running turn follows the close.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string? description)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(_options.SendTimeout);
                await _socket.CloseOutputAsync(status, description, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _sendTimeout.Dispose();
        _sendLock.Dispose();
        ArrayPool<char>.Shared.Return(_partial);
        return ValueTask.CompletedTask;
    }

    private sealed record QueuedMessage(MessageFrame Frame, ChatIdentity Identity);
}
