using System.Net.WebSockets;

namespace Chatwire.SocketIo.Tests.Server;

/// <summary>Room membership as the namespace sees it, with real sockets joining and leaving.</summary>
public sealed class RoomTests() : ServerTests()
{
    private SocketIoNamespace Main => Server.Io.Of("/");

    [Fact]
    public async Task A_room_has_its_members_as_they_join_and_leave_and_is_gone_with_the_last()
    {
        var (aliceClient, alice) = await ConnectAsync();
        var (bobClient, bob) = await ConnectAsync();
        using (aliceClient)
        using (bobClient)
        {
            alice.Join("r");
            Assert.Equal([alice.Id], Members("r"));
            bob.Join("r");
            alice.Join("r");
            Assert.Equal(new[] { alice.Id, bob.Id }.Order(), Members("r"));

            alice.Leave("r");
            Assert.Equal([bob.Id], Members("r"));
            bob.Leave("r");
            Assert.Empty(Members("r"));
            alice.Join("r");
            Assert.Equal([alice.Id], Members("r"));
        }
    }

    [Fact]
    public async Task A_socket_in_many_rooms_is_in_each_and_leaves_them_all_when_it_disconnects()
    {
        var (client, socket) = await ConnectAsync();
        using var _ = client;
        var rooms = Enumerable.Range(0, 20).Select(i => $"room-{i}").ToArray();
        foreach (var room in rooms)
        {
            socket.Join(room);
        }

        socket.Leave(rooms[5]);
        Assert.Equal(socket.Id, socket.Rooms.First());
        Assert.Equal(rooms.Where(room => room != rooms[5]).Order(), socket.Rooms.Skip(1).Order());
        Assert.Empty(Members(rooms[5]));
        Assert.Equal([socket.Id], Members(rooms[6]));

        var disconnected = new TaskCompletionSource();
        socket.Disconnected.Register(disconnected.SetResult);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(SocketIoTestServer.Timeout);
        await disconnected.Task.WaitAsync(SocketIoTestServer.Timeout);
        Assert.All(rooms, room => Assert.Empty(Members(room)));
    }

    private string[] Members(string room) => [.. Main.To(room).GetSockets().Select(socket => socket.Id).Order()];

    /// <summary>A client in the main namespace and the server's socket for it.</summary>
    private async Task<(ClientWebSocket Client, SocketIoSocket Socket)> ConnectAsync()
    {
        var client = await Client.ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(client);
        await RawEngineIoClient.SendTextAsync(client, "40");
        var sid = (await RawEngineIoClient.ReceiveTextAsync(client))["40{\"sid\":\"".Length..^2];
        await RawEngineIoClient.ReceiveTextAsync(client);
        return (client, Main.GetSocket(sid)!);
    }
}
