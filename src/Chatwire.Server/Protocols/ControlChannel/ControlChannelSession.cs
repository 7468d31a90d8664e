using System.Net.WebSockets;
using System.Threading.Channels;
using Chatwire.Core.Conversations;
using Chatwire.Core.Notifications;
using Chatwire.Core.Sync;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Protocols.WebSockets;

namespace Chatwire.Server.Protocols.ControlChannel;

/// <summary>
/// One device's control channel. A reader loop answers the client's frames; a pump sends what the
/// bus says about this user. Message pushes are driven by a cursor, not by the notifications'
/// contents: on any message notification (or a bus resync) the pump sends every change after the
/// last revision it sent, so late, reordered or lost notifications still deliver each change once.
/// </summary>
public sealed partial class ControlChannelSession(
    WebSocket socket,
    WebSocketFrameWriter writer,
    ChatIdentity identity,
    IChatBus bus,
    MessageSync sync,
    ControlChannelOptions options,
    SyncOptions syncOptions,
    TimeProvider time,
    ILogger<ControlChannelSession> logger) : IWebSocketMessageHandler
{
    private readonly string _connectionId = Guid.NewGuid().ToString("N")[..16];
    private readonly Channel<ChatNotification> _notifications = Channel.CreateBounded<ChatNotification>(new BoundedChannelOptions(options.Backlog)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private long _cursor;
    private volatile bool _slow;

    // Set before the receive loop starts; the loop's messages are the only readers.
    private TypingSession? _typing;

    public async Task RunAsync(CancellationToken connectionAborted)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(connectionAborted);
        try
        {
            // Subscribe before reading the cursor: a change in between is then both notified and after the cursor.
            using var subscription = bus.Subscribe(identity.Key, OnNotification);
            if (await TryReadCursorAsync(lifetime.Token) is not { } cursor)
            {
                await writer.SendAsync((ErrorCodes.ProcessingError, "Chat history is unavailable; try again shortly."), ControlFrames.WriteError, lifetime.Token);
                await writer.CloseAsync(WebSocketCloseStatus.InternalServerError, "History unavailable, reconnect later", lifetime.Token);
                return;
            }

            _cursor = cursor;
            await writer.SendAsync((identity.Id, _connectionId, _cursor, syncOptions.TypingTimeout, time.GetUtcNow()), ControlFrames.WriteConnected, lifetime.Token);
            await AnnounceAnswersInProgressAsync(lifetime.Token);
            await using var typing = _typing = sync.StartTyping(identity, _connectionId);
            var pump = PumpAsync(lifetime.Token);
            await WebSocketReceiveLoop.RunAsync(socket, writer, options.MaxFrameBytes, this, lifetime.Token);

            _notifications.Writer.TryComplete();
            await lifetime.CancelAsync();
            await pump;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Server shutting down or the connection dropped.
        }
    }

    /// <summary>
    /// A device that connects mid-answer missed that answer's <c>assistant_typing</c>: it gets one
    /// for each answer still streaming. Their ends arrive through the pump, which starts after this,
    /// from a subscription taken before it.
    /// </summary>
    private async Task AnnounceAnswersInProgressAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ConversationMessage> answers;
        try
        {
            answers = await sync.StreamingAnswersAsync(identity, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only an indicator: the answers themselves still arrive, and a sync shows their status.
            LogCatchUpFailed(exception, identity.Key);
            return;
        }

        foreach (var answer in answers)
        {
            await writer.SendAsync(new GeneratingNotification(identity.Key, answer.ConversationId, answer.Id, IsGenerating: true), ControlFrames.WriteAssistantTyping, cancellationToken);
        }
    }

    private async Task<long?> TryReadCursorAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await sync.CursorAsync(identity, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database is unreachable: without a cursor this connection could not promise "nothing missed".
            LogCatchUpFailed(exception, identity.Key);
            return null;
        }
    }

    private void OnNotification(ChatNotification notification)
    {
        if (!_notifications.Writer.TryWrite(notification))
        {
            // The client stopped reading: rather than buffer without bound, let it go and resync later.
            _slow = true;
            _notifications.Writer.TryComplete();
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var notification in _notifications.Reader.ReadAllAsync(cancellationToken))
            {
                var delivered = notification switch
                {
                    TypingNotification typing when typing.DeviceId != _connectionId =>
                        await writer.SendAsync((identity.Id, typing), ControlFrames.WriteTyping, cancellationToken),
                    GeneratingNotification generating => await writer.SendAsync(generating, ControlFrames.WriteAssistantTyping, cancellationToken),
                    UsageNotification usage => await writer.SendAsync(usage.Usage, ControlFrames.WriteUsage, cancellationToken),
                    MessageNotification message when message.Revision > _cursor => await CatchUpAsync(cancellationToken),
                    BusResynchronized => await CatchUpAsync(cancellationToken),
                    _ => true,
                };
                if (!delivered)
                {
                    return;
                }
            }

            if (_slow)
            {
                LogSlowConsumer(identity.Key, options.Backlog);
                await writer.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Slow consumer: reconnect and sync from your cursor", cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Closing.
        }
    }

    /// <summary>Sends every change after the connection's cursor, advancing it; false when the socket is gone.</summary>
    private async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            ChangePage page;
            do
            {
                page = await sync.ChangesAsync(identity, chatId: null, _cursor, cancellationToken);
                foreach (var message in page.Items)
                {
                    if (!await writer.SendAsync((message, message.CreatedRevision > _cursor), ControlFrames.WriteMessageChange, cancellationToken))
                    {
                        return false;
                    }
                }

                _cursor = page.Cursor;
            }
            while (page.HasMore);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store is unreachable; the next notification or bus resync tries again from the same cursor.
            LogCatchUpFailed(exception, identity.Key);
        }

        return true;
    }

    async Task IWebSocketMessageHandler.HandleMessageAsync(ReadOnlyMemory<byte>? text, CancellationToken cancellationToken)
    {
        var command = text is { } json
            ? ControlFrameParser.Parse(json.Span)
            : new ControlCommand.Invalid(ErrorCodes.InvalidFormat, "Only text frames carrying JSON are accepted");
        try
        {
            await HandleAsync(command, _typing!, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCommandFailed(exception, command.GetType().Name);
            await SendErrorAsync(ErrorCodes.ProcessingError, "The request could not be processed. Please try again.", cancellationToken);
        }
    }

    private async Task HandleAsync(ControlCommand command, TypingSession typing, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case ControlCommand.Typing { ChatId.Length: 0 or > 128 }:
                await SendErrorAsync(ErrorCodes.InvalidFormat, "'chat_id' must be 1 to 128 characters", cancellationToken);
                break;
            case ControlCommand.Typing t when !await typing.SetAsync(t.ChatId, t.IsTyping, cancellationToken):
                await SendErrorAsync(ErrorCodes.QueueFull, $"Typing in at most {syncOptions.MaxTypingChats} chats at once", cancellationToken);
                break;
            case ControlCommand.StoreMessage message:
                var (_, rejection) = await sync.StoreUserMessageAsync(identity, message.ChatId, message.Content, message.BrandId, cancellationToken);
                if (rejection is not null)
                {
                    await SendErrorAsync(rejection.Code, rejection.Message, cancellationToken);
                }

                // Stored: every device of the user, this one included, gets message_created from the pump.
                break;
            case ControlCommand.ResponseComplete complete:
                await SendHistoryAsync(complete.ChatId, complete.Since, cancellationToken);
                break;
            case ControlCommand.Sync request:
                await SendHistoryAsync(request.ChatId, request.Since, cancellationToken);
                break;
            case ControlCommand.Ping:
                await writer.SendAsync(time.GetUtcNow(), ControlFrames.WritePong, cancellationToken);
                break;
            case ControlCommand.Invalid invalid:
                await SendErrorAsync(invalid.Code, invalid.Message, cancellationToken);
                break;
        }
    }

    private async Task SendHistoryAsync(string? chatId, long since, CancellationToken cancellationToken)
    {
        var page = await sync.ChangesAsync(identity, chatId, since, cancellationToken);
        await writer.SendAsync((chatId, since, page), ControlFrames.WriteHistory, cancellationToken);
    }

    private ValueTask<bool> SendErrorAsync(string code, string message, CancellationToken cancellationToken) =>
        writer.SendAsync((code, message), ControlFrames.WriteError, cancellationToken);
}
