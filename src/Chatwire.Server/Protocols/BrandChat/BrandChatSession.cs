using System.Net.WebSockets;
using Chatwire.Core.Brands;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Protocols.WebSockets;

namespace Chatwire.Server.Protocols.BrandChat;

/// <summary>
/// One seed-004 connection: a reader loop that answers pings at once and queues chat messages,
/// and a worker that answers them one at a time through the engine.
/// </summary>
internal sealed class BrandChatSession(
    WebSocket socket,
    WebSocketFrameWriter writer,
    Brand brand,
    ChatIdentity identity,
    ChatEngine engine,
    BrandChatOptions options,
    TimeProvider time) : IWebSocketMessageHandler
{
    private readonly WebSocketFrameWriter _writer = writer;

    // Made on the first chat message: a connection that only waits keeps none.
    private SerialWorkQueue<BrandChatCommand.Chat>? _queue;
    private CancellationToken _connectionAborted;
    private CancellationTokenRegistration _goingAway;
    private string? _welcome;

    /// <summary>
    /// Greets, serves and then disposes the connection (socket and writer included). Not async: the
    /// receive loop's frame is the connection's only one; it opens and closes it through the
    /// handler methods below.
    /// </summary>
    public Task RunAsync(string welcome, CancellationToken connectionAborted, CancellationToken stopping)
    {
        _welcome = welcome;
        _connectionAborted = connectionAborted;
        _goingAway = _writer.CloseOnShutdown(stopping);
        return WebSocketReceiveLoop.RunAsync(socket, _writer, options.MaxFrameBytes, this, connectionAborted);
    }

    async Task IWebSocketMessageHandler.OpenedAsync(CancellationToken cancellationToken)
    {
        var welcome = _welcome!;
        _welcome = null;
        await _writer.SendAsync((welcome, brand), BrandChatFrames.WriteWelcome, cancellationToken);
    }

    async ValueTask IWebSocketMessageHandler.ClosedAsync(WebSocketLoopEnd? end)
    {
        // The client is gone or closing: stop whatever is being generated for it.
        if (_queue is { } queue)
        {
            await queue.CloseAsync();
        }

        _goingAway.Dispose();
        _writer.Dispose();
        socket.Dispose();
    }

    private SerialWorkQueue<BrandChatCommand.Chat> Queue => _queue ??= new(options.Backlog, AnswerAsync, _connectionAborted);

    async Task IWebSocketMessageHandler.HandleMessageAsync(ReadOnlyMemory<byte>? text, CancellationToken cancellationToken)
    {
        var command = text is { } json
            ? BrandChatFrameParser.Parse(json.Span, options.MaxMessageLength)
            : new BrandChatCommand.Invalid(ErrorCodes.InvalidFormat, "Only text frames carrying JSON are accepted");
        switch (command)
        {
            case BrandChatCommand.Ping:
                await _writer.SendAsync(time.GetUtcNow(), BrandChatFrames.WritePong, cancellationToken);
                break;
            case BrandChatCommand.Chat chat when !Queue.TryEnqueue(chat):
                await SendErrorAsync(ErrorCodes.QueueFull, $"Too many messages waiting (at most {options.Backlog}); wait for the current answer", cancellationToken);
                break;
            case BrandChatCommand.Invalid invalid:
                await SendErrorAsync(invalid.Code, invalid.Message, cancellationToken);
                break;
        }
    }

    private async Task AnswerAsync(BrandChatCommand.Chat chat, CancellationToken cancellationToken)
    {
        var request = new TurnRequest
        {
            Identity = identity,
            Message = chat.Message,
            ConversationId = chat.ConversationId,
            BrandId = brand.Id,
            CustomerId = chat.UserId,
            Voice = chat.Voice,
            Wire = "brand-chat",
        };
        if (!await StreamAsync(request, cancellationToken) && chat.ConversationId is not null)
        {
            // Seed 004's clients keep a conversation id across reconnects but have no credentials:
            // a conversation this caller cannot see is replaced by a new one, whose id the frames carry.
            await StreamAsync(request with { ConversationId = null }, cancellationToken);
        }
    }

    /// <summary>Streams one turn; false only when the conversation was not the caller's, so nothing was sent.</summary>
    private async Task<bool> StreamAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        var conversationId = "";
        await foreach (var chatEvent in engine.RunAsync(request, cancellationToken))
        {
            bool delivered;
            switch (chatEvent)
            {
                case TurnStarted started:
                    conversationId = started.ConversationId;
                    continue;
                case TurnDelta delta:
                    delivered = await _writer.SendAsync((delta.Text, conversationId), BrandChatFrames.WriteChunk, cancellationToken);
                    break;
                case TurnCompleted { Result: var result }:
                    delivered = await _writer.SendAsync((result.ConversationId, result.SuggestedProducts, result.ProductConfidence), BrandChatFrames.WriteComplete, cancellationToken);
                    break;
                case TurnFailed { Code: ErrorCodes.ConversationNotFound, Rejected: true } when request.ConversationId is not null:
                    return false;
                case TurnFailed failure:
                    delivered = await SendErrorAsync(failure.Code, failure.Message, cancellationToken);
                    break;
                default:
                    continue;
            }

            if (!delivered)
            {
                // The client is gone: leaving the loop ends the turn, which stores it as cancelled.
                break;
            }
        }

        return true;
    }

    private ValueTask<bool> SendErrorAsync(string code, string message, CancellationToken cancellationToken) =>
        _writer.SendAsync((code, message), BrandChatFrames.WriteError, cancellationToken);
}
