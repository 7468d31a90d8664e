using System.Net;
using System.Net.WebSockets;

namespace Chatwire.SocketIo.Tests.Server;

public sealed class EngineIoWebSocketTests() : ServerTests(SmallPayload)
{
    [Fact]
    public async Task The_server_pings_over_websocket_and_pongs_keep_it_open()
    {
        await using var server = await StartFastPingPatientServerAsync();
        using var socket = await server.CreateClient().ConnectSocketIoAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < PatientSessionLifeWithoutPongs * 2)
        {
            Assert.Equal("2", await RawEngineIoClient.ReceiveTextAsync(socket, skipPings: false));
            await RawEngineIoClient.SendTextAsync(socket, "3");
        }

        await RawEngineIoClient.SendTextAsync(socket, "42[\"message\",\"still here\"]");
        Assert.Equal("42[\"message-back\",\"still here\"]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task A_websocket_that_never_pongs_is_closed()
    {
        await using var server = await StartFastHeartbeatServerAsync();
        using var socket = await server.CreateClient().ConnectWebSocketAsync();
        Assert.StartsWith("0", await RawEngineIoClient.ReceiveTextAsync(socket), StringComparison.Ordinal);
        await RawEngineIoClient.WaitForCloseAsync(socket);
    }

    [Fact]
    public async Task An_invalid_engine_io_frame_closes_the_connection()
    {
        using var socket = await Client.ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(socket);
        await RawEngineIoClient.SendTextAsync(socket, "abc");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await RawEngineIoClient.WaitForCloseAsync(socket));
    }

    [Fact]
    public async Task A_frame_over_max_payload_closes_the_connection_as_too_big()
    {
        using var socket = await Client.ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(socket);
        await RawEngineIoClient.SendTextAsync(socket, "4" + new string('x', 2000));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await RawEngineIoClient.WaitForCloseAsync(socket));
    }

    [Fact]
    public async Task A_close_packet_from_the_client_closes_the_connection()
    {
        using var socket = await Client.ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(socket);
        await RawEngineIoClient.SendTextAsync(socket, "1");
        await RawEngineIoClient.WaitForCloseAsync(socket);
    }

    [Fact]
    public async Task A_polling_session_upgrades_to_websocket_with_probe_noop_and_upgrade()
    {
        var sid = await Client.OpenPollingSidAsync();
        await Client.PostAsync(sid, "40");
        await Client.PollAsync(sid); // CONNECT reply and "auth"

        var pendingPoll = Client.PollAsync(sid);
        await Server.WaitForPendingPollAsync(sid);
        using var socket = await Client.ConnectWebSocketAsync(sid);
        await RawEngineIoClient.SendTextAsync(socket, "2probe");
        Assert.Equal("3probe", await RawEngineIoClient.ReceiveTextAsync(socket));
        Assert.Equal((HttpStatusCode.OK, "6"), await pendingPoll);
        await RawEngineIoClient.SendTextAsync(socket, "5");

        await RawEngineIoClient.SendTextAsync(socket, "42[\"message\",\"over websocket\"]");
        Assert.Equal("42[\"message-back\",\"over websocket\"]", await RawEngineIoClient.ReceiveTextAsync(socket));

        // After the upgrade the session is the WebSocket's alone.
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PollAsync(sid)).Status);
        using var second = await Client.ConnectWebSocketAsync(sid).ContinueWith(t => t.IsFaulted ? null : t.Result);
        if (second is not null)
        {
            await RawEngineIoClient.WaitForCloseAsync(second);
        }
    }

    [Fact]
    public async Task A_websocket_for_an_unknown_sid_is_refused() =>
        await Assert.ThrowsAsync<WebSocketException>(() => Client.ConnectWebSocketAsync("unknown"));

    [Fact]
    public async Task A_websocket_client_that_stops_reading_is_dropped_once_its_send_buffer_is_full_and_others_carry_on()
    {
        const int Waves = 2_000_000;
        await using var server = await SocketIoTestServer.StartAsync(options => options.SendBufferCapacity = 8);
        using var stalled = await server.CreateClient().ConnectSocketIoAsync();

        // Far more than the socket buffers hold: with the client not reading, the queue fills and the session is closed.
        await RawEngineIoClient.SendTextAsync(stalled, $"42[\"flood\",{Waves}]");
        using (var deadline = new CancellationTokenSource(SocketIoTestServer.Timeout))
        {
            while (server.Io.Of("/").Sockets.Count > 0)
            {
                await Task.Delay(20, deadline.Token);
            }
        }

        // What the socket buffers held arrives, then the connection ends, short of the flood.
        var received = 0;
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await stalled.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(SocketIoTestServer.Timeout);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                received += result.EndOfMessage ? 1 : 0;
            }
        }
        catch (WebSocketException)
        {
            // Aborted rather than closed: dropped all the same.
        }

        Assert.InRange(received, 1, Waves - 1);
        using var next = await server.CreateClient().ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(next, "42[\"message\",\"still serving\"]");
        Assert.Equal("42[\"message-back\",\"still serving\"]", await RawEngineIoClient.ReceiveTextAsync(next));
    }
}
