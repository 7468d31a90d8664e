using System.Text.Json;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Auth;
using Chatwire.Server.Protocols.WebSockets;
using Chatwire.SocketIo;

namespace Chatwire.Server.Protocols.SocketIo;

/// <summary>
/// Seed 003 on the default namespace: <c>ai:chat {message, sessionId?, token?}</c> answered with
/// <c>ai:stream</c> chunks and <c>ai:complete</c>, or <c>ai:error</c>. A client that passes an ack
/// callback also gets the final payload through it.
/// </summary>
internal sealed class AiChatNamespace(ChatEngine engine, HttpIdentityResolver identities)
{
    private const int Backlog = 8;
    private const string QueueItem = "chatwire.ai-chat-queue";

    public void Register(SocketIoServer server)
    {
        var space = server.Of("/");
        space.Use((context, _) => SocketIoCaller.AuthenticateAsync(context, identities));

        // One handler shared by every socket: a session keeps no closure or delegate of its own.
        Func<SocketIoEventArgs, Task> onChat = ChatAsync;
        space.OnConnection(socket =>
        {
            socket.On("ai:chat", onChat);
            return Task.CompletedTask;
        });
    }

    private async Task ChatAsync(SocketIoEventArgs args)
    {
        var payload = args.Arguments.Count > 0 ? args.Arguments[0] : default;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            await FailAsync(args, new ChatErrorPayload("ai:chat expects an object {message, sessionId?, token?}", ErrorCodes.InvalidFormat));
        }
        else if (!QueueOf(args.Socket).TryEnqueue((args, payload.Clone())))
        {
            await FailAsync(args, new ChatErrorPayload($"Too many messages waiting (at most {Backlog}); wait for the current answer", ErrorCodes.QueueFull));
        }
    }

    /// <summary>
    /// The socket's work queue, made at its first <c>ai:chat</c> (a session that only waits keeps
    /// none). Handlers start one at a time on the socket's receive loop, so only one makes it. Its
    /// token is the session's: a disconnect cancels the answer in progress and drops the rest.
    /// </summary>
    private SerialWorkQueue<(SocketIoEventArgs Args, JsonElement Payload)> QueueOf(SocketIoSocket socket)
    {
        if (socket.Items.TryGetValue(QueueItem, out var made))
        {
            return (SerialWorkQueue<(SocketIoEventArgs Args, JsonElement Payload)>)made!;
        }

        var queue = new SerialWorkQueue<(SocketIoEventArgs Args, JsonElement Payload)>(
            Backlog, (item, ct) => AnswerAsync(socket, item.Args, item.Payload, ct), socket.Disconnected);
        socket.Items[QueueItem] = queue;
        return queue;
    }

    private async Task AnswerAsync(SocketIoSocket socket, SocketIoEventArgs args, JsonElement payload, CancellationToken cancellationToken)
    {
        if (!TryString(payload, "message", out var message) || message is null)
        {
            await FailAsync(args, new ChatErrorPayload("'message' is required and must be a string", ErrorCodes.InvalidFormat));
            return;
        }

        if (!TryString(payload, "sessionId", out var sessionId) || !TryString(payload, "token", out var token))
        {
            await FailAsync(args, new ChatErrorPayload("'sessionId' and 'token' must be strings", ErrorCodes.InvalidFormat));
            return;
        }

        var identity = SocketIoCaller.IdentityOf(socket);
        if (token is not null)
        {
            // Seed 003 sends the token with each message rather than in the handshake.
            var resolution = await identities.ResolveAsync(token, anonId: null, address: identity.ClientAddress);
            if (resolution.Identity is null)
            {
                await FailAsync(args, new ChatErrorPayload(resolution.Error!, resolution.Code!, sessionId));
                return;
            }

            identity = resolution.Identity;
        }

        await StreamAsync(socket, args, new TurnRequest
        {
            Identity = identity,
            Message = message,
            ConversationId = sessionId,
            Wire = "socketio",
        }, cancellationToken);
    }

    private async Task StreamAsync(SocketIoSocket socket, SocketIoEventArgs args, TurnRequest request, CancellationToken cancellationToken)
    {
        var sessionId = request.ConversationId ?? "";
        await foreach (var chatEvent in engine.RunAsync(request, cancellationToken))
        {
            switch (chatEvent)
            {
                case TurnStarted started:
                    sessionId = started.ConversationId;
                    break;
                case TurnDelta delta:
                    await socket.EmitAsync("ai:stream", new AiStreamPayload(delta.Text, sessionId));
                    break;
                case TurnCompleted { Result: var result }:
                    var complete = new AiCompletePayload(result.Text, result.ConversationId, result.AssistantMessageId, result.Agent, result.Confidence, result.Sources);
                    await socket.EmitAsync("ai:complete", complete);
                    await args.AckAsync(complete);
                    break;
                case TurnFailed failure:
                    await FailAsync(args, new ChatErrorPayload(failure.Message, failure.Code, failure.Rejected ? request.ConversationId : sessionId));
                    break;
            }
        }
    }

    private static async Task FailAsync(SocketIoEventArgs args, ChatErrorPayload error)
    {
        await args.Socket.EmitAsync("ai:error", error);
        await args.AckAsync(error);
    }

    /// <summary>An optional string property: true when absent, null or a string.</summary>
    private static bool TryString(JsonElement payload, string name, out string? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return element.ValueKind == JsonValueKind.String;
    }
}
