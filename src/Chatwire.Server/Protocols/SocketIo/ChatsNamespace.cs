using System.Text.Json;
using Chatwire.Core.Conversations;
using Chatwire.Core.Notifications;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Auth;
using Chatwire.Server.Protocols.Rest;
using Chatwire.SocketIo;

namespace Chatwire.Server.Protocols.SocketIo;

/// <summary>
/// Seed 001's management channel, namespace <c>/chats</c>: <c>list_chats</c> → <c>chats_list</c>,
/// <c>list_messages</c> → <c>messages_list</c>, <c>usage_info</c> on connect, on request and after
/// every turn of the caller on any wire; <c>assistant_error</c> for refused requests here and for
/// turns a limit refused on any wire (ANON_LIMIT_REACHED, INSUFFICIENT_BALANCE, RATE_LIMITED). Every request
/// may also pass an ack callback, which receives the same payload.
/// </summary>
internal sealed class ChatsNamespace(IChatStore store, UsageAccounts usage, IChatBus bus, HttpIdentityResolver identities)
{
    private const int MaxLimit = 100;

    public void Register(SocketIoServer server)
    {
        var space = server.Of("/chats");
        space.Use((context, _) => SocketIoCaller.AuthenticateAsync(context, identities));
        space.OnConnection(async socket =>
        {
            var identity = SocketIoCaller.IdentityOf(socket);
            socket.On("list_chats", args => ListChatsAsync(args, identity));
            socket.On("list_messages", args => ListMessagesAsync(args, identity));
            socket.On("usage_info", async args =>
            {
                var snapshot = UsageView.From(await usage.GetAsync(identity, socket.Disconnected));
                await socket.EmitAsync("usage_info", snapshot);
                await args.AckAsync(snapshot);
            });

            // Turns of this identity on any wire (and node) change its usage: push it.
            var subscription = bus.Subscribe(identity.Key, notification =>
            {
                switch (notification)
                {
                    case UsageNotification { Usage: var changed }:
                        _ = socket.EmitAsync("usage_info", UsageView.From(changed)).AsTask();
                        break;
                    case TurnRefusedNotification refused:
                        _ = socket.EmitAsync("assistant_error", new ChatErrorPayload(refused.Message, refused.Code)).AsTask();
                        break;
                }
            });
            socket.OnDisconnect(_ =>
            {
                subscription.Dispose();
                return Task.CompletedTask;
            });

            await socket.EmitAsync("usage_info", UsageView.From(await usage.GetAsync(identity, socket.Disconnected)));
        });
    }

    private async Task ListChatsAsync(SocketIoEventArgs args, ChatIdentity identity)
    {
        if (ReadPaging(args) is not var (page, limit, _))
        {
            await RefuseAsync(args, ErrorCodes.InvalidFormat, $"page must be 0 or more and limit from 1 to {MaxLimit}");
            return;
        }

        var chats = await store.ListConversationsAsync(identity.Key, page + 1, limit, args.Socket.Disconnected);
        var payload = new ChatsListPayload(chats.Items.Select(ChatView.From).ToList(), page, limit, chats.Total, (page + 1) * limit < chats.Total);
        await args.Socket.EmitAsync("chats_list", payload);
        await args.AckAsync(payload);
    }

    private async Task ListMessagesAsync(SocketIoEventArgs args, ChatIdentity identity)
    {
        if (ReadPaging(args) is not var (page, limit, payloadObject) || payloadObject.ValueKind != JsonValueKind.Object
            || !payloadObject.TryGetProperty("chat_id", out var chatIdElement) || chatIdElement.ValueKind != JsonValueKind.String)
        {
            await RefuseAsync(args, ErrorCodes.InvalidFormat, $"list_messages expects {{chat_id, page >= 0, limit 1..{MaxLimit}}}");
            return;
        }

        var chatId = chatIdElement.GetString()!;
        var conversation = await store.FindConversationAsync(chatId, args.Socket.Disconnected);
        if (conversation is null || conversation.OwnerKey != identity.Key)
        {
            await RefuseAsync(args, ErrorCodes.ConversationNotFound, "Conversation not found.");
            return;
        }

        var messages = await store.ListMessagesAsync(chatId, page + 1, limit, args.Socket.Disconnected);
        var payload = new MessagesListPayload(chatId, messages.Items.Select(MessageView.From).ToList(), page, limit, messages.Total, (page + 1) * limit < messages.Total);
        await args.Socket.EmitAsync("messages_list", payload);
        await args.AckAsync(payload);
    }

    /// <summary>{page, limit} with seed 001's defaults (page 0, limit 20); null when present but wrong.</summary>
    private static (int Page, int Limit, JsonElement Payload)? ReadPaging(SocketIoEventArgs args)
    {
        var payload = args.Arguments.Count > 0 ? args.Arguments[0] : default;
        if (payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return (0, 20, default);
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var page = 0;
        var limit = 20;
        if ((payload.TryGetProperty("page", out var p) && (!TryInt(p, out page) || page < 0))
            || (payload.TryGetProperty("limit", out var l) && (!TryInt(l, out limit) || limit is < 1 or > MaxLimit)))
        {
            return null;
        }

        return (page, limit, payload);
    }

    private static bool TryInt(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }

    private static async Task RefuseAsync(SocketIoEventArgs args, string code, string message)
    {
        var error = new ChatErrorPayload(message, code);
        await args.Socket.EmitAsync("assistant_error", error);
        await args.AckAsync(error);
    }
}
