using Chatwire.SocketIo;

namespace Chatwire.SocketIo.TestHost;

/// <summary>The namespaces and events the Node tests exercise.</summary>
internal static class TestNamespaces
{
    private static readonly TimeSpan ClientAckTimeout = TimeSpan.FromSeconds(5);

    public static void MapMain(SocketIoNamespace main) => main.OnConnection(socket =>
    {
        // echo: answers the ack with the arguments, or emits them back as "echo" when there is no ack.
        socket.On("echo", args => args.HasAck
            ? args.AckAsync(args.ToObjects()).AsTask()
            : socket.EmitAsync("echo", args.ToObjects()).AsTask());

        // echo-binary: the received buffer back, plus a server-made buffer (its bytes reversed).
        socket.On("echo-binary", async args =>
        {
            var bytes = args.GetBytes(0);
            var reversed = bytes.Reverse().ToArray();
            await socket.EmitAsync("binary-back", bytes, reversed);
            await args.AckAsync(bytes, reversed);
        });

        socket.On("join", args =>
        {
            socket.Join(args.GetArgument<string>(0)!);
            return args.AckAsync(socket.Rooms).AsTask();
        });

        socket.On("leave", args =>
        {
            socket.Leave(args.GetArgument<string>(0)!);
            return args.AckAsync(socket.Rooms).AsTask();
        });

        // to-room(room, event, ...values): emits to everyone in the room, the sender included if it joined.
        socket.On("to-room", async args =>
        {
            var values = args.ToObjects();
            await main.To(args.GetArgument<string>(0)!).EmitAsync(args.GetArgument<string>(1)!, values.AsSpan(2));
            await args.AckAsync("sent");
        });

        // server-ack(...values): the server asks the client ("ask", with ack) and reports the client's answer.
        socket.On("server-ack", async args =>
        {
            var answer = await socket.EmitWithAckAsync("ask", ClientAckTimeout, socket.Disconnected, args.ToObjects());
            await args.AckAsync(answer.ToObjects());
        });

        // drop: closes the whole Engine.IO connection, so the client reconnects on its own.
        socket.On("drop", _ => socket.DisconnectAsync(closeConnection: true).AsTask());

        // kick: leaves the namespace with a DISCONNECT packet; the client does not reconnect.
        socket.On("kick", _ => socket.DisconnectAsync().AsTask());

        return Task.CompletedTask;
    });

    public static void MapSecure(SocketIoNamespace secure)
    {
        secure.Use((context, _) =>
        {
            if (context.Auth.TryGetProperty("token", out var token) && token.ValueEquals("let-me-in"))
            {
                context.Socket.Data = "authorized-user";
                context.Socket.Join("user:authorized-user");
            }
            else
            {
                context.Reject("unauthorized", new { hint = "token" });
            }

            return Task.CompletedTask;
        });

        secure.OnConnection(socket =>
        {
            socket.On("whoami", args => args.AckAsync(socket.Data, socket.Rooms.Contains("user:authorized-user")).AsTask());
            return Task.CompletedTask;
        });
    }
}
