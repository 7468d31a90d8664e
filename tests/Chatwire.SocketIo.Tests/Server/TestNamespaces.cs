namespace Chatwire.SocketIo.Tests.Server;

/// <summary>Namespaces like the ones of the protocol test suites (socket.io-protocol v5, "Test suite").</summary>
internal static class TestNamespaces
{
    public static void Register(SocketIoServer io)
    {
        var main = io.Of("/");
        main.OnConnection(async socket =>
        {
            socket.On("message", args => socket.EmitAsync("message-back", args.ToObjects()).AsTask());
            socket.On("message-with-ack", args => args.AckAsync(args.ToObjects()).AsTask());
            socket.On("flood", async args =>
            {
                for (var i = 0; i < args.GetArgument<int>(0); i++)
                {
                    await socket.EmitAsync("wave", i);
                }
            });
            socket.On("ask", async args =>
            {
                var answer = await socket.EmitWithAckAsync("question", TimeSpan.FromSeconds(5), socket.Disconnected, args.ToObjects());
                await socket.EmitAsync("answer", answer.ToObjects());
            });
            socket.On("join", args =>
            {
                socket.Join(args.GetArgument<string>(0)!);
                return args.AckAsync().AsTask();
            });
            socket.On("to-room", args => main.To(args.GetArgument<string>(0)!).EmitAsync("room-message", args.Arguments[1]).AsTask());

            // Emitted from the connection handler, so it must follow the CONNECT reply.
            await socket.EmitAsync("auth", socket.Handshake.Auth);
        });

        var custom = io.Of("/custom");
        custom.Use((context, _) =>
        {
            if (context.Auth.TryGetProperty("token", out var token) && token.ValueEquals("bad"))
            {
                context.Reject("unauthorized", new { retry = false });
            }

            return Task.CompletedTask;
        });
        custom.OnConnection(socket => socket.EmitAsync("auth", socket.Handshake.Auth).AsTask());

        // Echoes the handshake as a handler reads it: the session's copy of the opening request, and the auth payload.
        io.Of("/handshake").OnConnection(socket =>
        {
            var handshake = socket.Handshake;
            return socket.EmitAsync("handshake", new
            {
                headers = handshake.Headers.ToDictionary(header => header.Key, header => header.Value.ToArray()),
                query = handshake.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()),
                tagAskedInCapitals = handshake.Headers["X-TAG"].ToArray(),
                absentHeader = handshake.Headers["X-Absent"].ToArray(),
                auth = handshake.Auth,
            }).AsTask();
        });
    }
}
