using System.Net;

namespace Chatwire.SocketIo.Tests.Server;

public sealed class EngineIoPollingTests() : ServerTests(SmallPayload)
{
    [Fact]
    public async Task A_posted_connect_is_answered_ok_and_its_reply_arrives_on_the_next_poll()
    {
        var sid = await Client.OpenPollingSidAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await Client.PostAsync(sid, "40"));
        var (status, body) = await Client.PollAsync(sid);
        Assert.Equal(HttpStatusCode.OK, status);
        var packets = body.Split('\u001e');
        Assert.StartsWith("40{\"sid\":", packets[0], StringComparison.Ordinal);
        Assert.Equal("42[\"auth\",{}]", packets[1]);
    }

    [Fact]
    public async Task Several_packets_in_one_post_are_all_handled_in_order()
    {
        var sid = await Client.OpenPollingSidAsync();
        await Client.PostAsync(sid, "40");
        await Client.PollAsync(sid);
        Assert.Equal((HttpStatusCode.OK, "ok"), await Client.PostAsync(sid, "42[\"message\",1]\u001e42[\"message\",2]"));
        var (_, body) = await Client.PollAsync(sid);
        Assert.Equal("42[\"message-back\",1]\u001e42[\"message-back\",2]", body);
    }

    [Fact]
    public async Task A_binary_attachment_posted_as_base64_comes_back_as_base64()
    {
        var sid = await Client.OpenPollingSidAsync();
        await Client.PostAsync(sid, "40");
        await Client.PollAsync(sid);
        await Client.PostAsync(sid, "451-[\"message\",{\"_placeholder\":true,\"num\":0}]\u001ebAQIDBA==");
        var (_, body) = await Client.PollAsync(sid);
        Assert.Equal("451-[\"message-back\",{\"_placeholder\":true,\"num\":0}]\u001ebAQIDBA==", body);
    }

    [Fact]
    public async Task The_server_pings_and_a_pong_keeps_the_session_alive()
    {
        await using var server = await StartFastPingPatientServerAsync();
        var client = server.CreateClient();
        var sid = await client.OpenPollingSidAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < PatientSessionLifeWithoutPongs * 2)
        {
            Assert.Equal((HttpStatusCode.OK, "2"), await client.PollAsync(sid));
            Assert.Equal((HttpStatusCode.OK, "ok"), await client.PostAsync(sid, "3"));
        }
    }

    [Fact]
    public async Task A_missing_pong_closes_the_session()
    {
        await using var server = await StartFastHeartbeatServerAsync();
        var client = server.CreateClient();
        var sid = await client.OpenPollingSidAsync();
        Assert.Equal((HttpStatusCode.OK, "2"), await client.PollAsync(sid));

        // The poll waiting when the pong timeout fires is answered with the close packet.
        Assert.Equal((HttpStatusCode.OK, "1"), await client.PollAsync(sid));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task An_invalid_packet_closes_the_session()
    {
        var sid = await Client.OpenPollingSidAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync(sid, "abc")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task An_invalid_socket_io_packet_closes_the_session()
    {
        var sid = await Client.OpenPollingSidAsync();
        await Client.PostAsync(sid, "40");
        await Client.PollAsync(sid);
        Assert.Equal((HttpStatusCode.OK, "ok"), await Client.PostAsync(sid, "42{}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task A_second_concurrent_poll_is_refused_and_closes_the_session()
    {
        var sid = await Client.OpenPollingSidAsync();
        await Client.PostAsync(sid, "40");
        await Client.PollAsync(sid);

        // Whichever GET reaches the server second is refused; the pending one is answered with "close".
        var polls = await Task.WhenAll(Client.PollAsync(sid), Client.PollAsync(sid));
        Assert.Contains((HttpStatusCode.OK, "1"), polls);
        Assert.Contains(polls, poll => poll.Status == HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task A_post_over_max_payload_gets_413_and_closes_the_session()
    {
        var sid = await Client.OpenPollingSidAsync();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Client.PostAsync(sid, "4" + new string('x', 2000))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task A_close_packet_from_the_client_ends_the_pending_poll_with_noop()
    {
        var sid = await Client.OpenPollingSidAsync();
        var poll = Client.PollAsync(sid);
        await Server.WaitForPendingPollAsync(sid);
        await Client.PostAsync(sid, "1");
        Assert.Equal((HttpStatusCode.OK, "6"), await poll);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_once_its_send_buffer_is_full()
    {
        await using var server = await SocketIoTestServer.StartAsync(options => options.SendBufferCapacity = 8);
        var client = server.CreateClient();
        var sid = await client.OpenPollingSidAsync();
        await client.PostAsync(sid, "40");
        await client.PollAsync(sid);

        // 5 emits with nobody polling fit in the buffer of 8 and wait for the next poll.
        await client.PostAsync(sid, "42[\"flood\",5]");
        Assert.Equal(5, (await client.PollAsync(sid)).Body.Split('\u001e').Length);

        // 50 do not: the 9th finds the buffer full and the session is closed, its queue dropped.
        await client.PostAsync(sid, "42[\"flood\",50]");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PollAsync(sid)).Status);
    }
}
