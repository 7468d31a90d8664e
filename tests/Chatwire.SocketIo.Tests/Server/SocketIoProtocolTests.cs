using System.Net.WebSockets;
using System.Text;

namespace Chatwire.SocketIo.Tests.Server;

public sealed class SocketIoProtocolTests() : ServerTests()
{
    private async Task<ClientWebSocket> OpenEngineAsync()
    {
        var socket = await Client.ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(socket);
        return socket;
    }

    /// <summary>A WebSocket session in the main namespace and in /custom, their CONNECT replies read.</summary>
    private async Task<ClientWebSocket> ConnectToMainAndCustomAsync()
    {
        var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, "40/custom,");
        Assert.StartsWith("40/custom,{\"sid\":", await RawEngineIoClient.ReceiveTextAsync(socket), StringComparison.Ordinal);
        Assert.Equal("42/custom,[\"auth\",{}]", await RawEngineIoClient.ReceiveTextAsync(socket));
        return socket;
    }

    [Fact]
    public async Task A_connect_with_auth_is_answered_with_a_sid_before_anything_the_handler_emits()
    {
        using var socket = await OpenEngineAsync();
        await RawEngineIoClient.SendTextAsync(socket, "40{\"token\":\"123\"}");
        Assert.Matches("^40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"\\}$", await RawEngineIoClient.ReceiveTextAsync(socket));
        Assert.Equal("42[\"auth\",{\"token\":\"123\"}]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task A_custom_namespace_is_reached_over_the_same_connection()
    {
        using var socket = await OpenEngineAsync();
        await RawEngineIoClient.SendTextAsync(socket, "40/custom,{\"token\":\"abc\"}");
        Assert.StartsWith("40/custom,{\"sid\":", await RawEngineIoClient.ReceiveTextAsync(socket), StringComparison.Ordinal);
        Assert.Equal("42/custom,[\"auth\",{\"token\":\"abc\"}]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task An_unregistered_namespace_is_refused_with_invalid_namespace()
    {
        using var socket = await OpenEngineAsync();
        await RawEngineIoClient.SendTextAsync(socket, "40/random");
        Assert.Equal("44/random,{\"message\":\"Invalid namespace\"}", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task Middleware_refusal_reaches_the_client_with_message_and_data()
    {
        using var socket = await OpenEngineAsync();
        await RawEngineIoClient.SendTextAsync(socket, "40/custom,{\"token\":\"bad\"}");
        Assert.Equal("44/custom,{\"message\":\"unauthorized\",\"data\":{\"retry\":false}}", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task A_client_that_never_connects_to_a_namespace_is_closed_after_the_connect_timeout()
    {
        await using var server = await SocketIoTestServer.StartAsync(options => options.ConnectTimeout = TimeSpan.FromMilliseconds(300));
        using var socket = await server.CreateClient().ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(socket);
        await RawEngineIoClient.WaitForCloseAsync(socket);
    }

    [Theory]
    [InlineData("4abc")]
    [InlineData("42{}")]
    [InlineData("42abc[\"message-with-ack\",1]")]
    [InlineData("40[]")]
    public async Task An_invalid_packet_closes_the_engine_io_connection(string frame)
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, frame);
        await RawEngineIoClient.WaitForCloseAsync(socket);
    }

    [Fact]
    public async Task An_event_for_a_namespace_the_client_has_not_joined_closes_the_connection()
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, "42/custom,[\"message\"]");
        await RawEngineIoClient.WaitForCloseAsync(socket);
    }

    [Fact]
    public async Task A_binary_attachment_without_a_binary_header_closes_the_connection()
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendBinaryAsync(socket, [1, 2, 3]);
        await RawEngineIoClient.WaitForCloseAsync(socket);
    }

    [Fact]
    public async Task An_event_is_dispatched_with_its_arguments()
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, "42[\"message\",1,\"2\",{\"3\":[true]}]");
        Assert.Equal("42[\"message-back\",1,\"2\",{\"3\":[true]}]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task An_event_with_an_ack_id_is_acknowledged_with_the_same_id()
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, "42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        Assert.Equal("43456[1,\"2\",{\"3\":[false]}]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task Binary_attachments_are_reassembled_and_sent_back_as_binary_frames()
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, "452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await RawEngineIoClient.SendBinaryAsync(socket, [1, 2, 3]);
        await RawEngineIoClient.SendBinaryAsync(socket, [4, 5, 6]);
        Assert.Equal("452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", await RawEngineIoClient.ReceiveTextAsync(socket));
        var first = await RawEngineIoClient.ReceiveAsync(socket);
        var second = await RawEngineIoClient.ReceiveAsync(socket);
        Assert.Equal([WebSocketMessageType.Binary, WebSocketMessageType.Binary], [first.Type, second.Type]);
        Assert.Equal(new byte[] { 1, 2, 3 }, first.Data);
        Assert.Equal(new byte[] { 4, 5, 6 }, second.Data);
    }

    [Fact]
    public async Task A_binary_event_with_an_ack_is_answered_with_a_binary_ack()
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, "452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await RawEngineIoClient.SendBinaryAsync(socket, [1, 2, 3]);
        await RawEngineIoClient.SendBinaryAsync(socket, [4, 5, 6]);
        Assert.Equal("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", await RawEngineIoClient.ReceiveTextAsync(socket));
        Assert.Equal(new byte[] { 1, 2, 3 }, (await RawEngineIoClient.ReceiveAsync(socket)).Data);
        Assert.Equal(new byte[] { 4, 5, 6 }, (await RawEngineIoClient.ReceiveAsync(socket)).Data);
    }

    [Fact]
    public async Task The_server_emits_with_an_ack_id_and_receives_the_clients_answer()
    {
        using var socket = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(socket, "42[\"ask\",\"why\"]");
        var question = await RawEngineIoClient.ReceiveTextAsync(socket);
        var match = System.Text.RegularExpressions.Regex.Match(question, "^42(\\d+)\\[\"question\",\"why\"\\]$");
        Assert.True(match.Success, question);
        await RawEngineIoClient.SendTextAsync(socket, $"43{match.Groups[1].Value}[\"because\"]");
        Assert.Equal("42[\"answer\",\"because\"]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task A_disconnect_from_a_custom_namespace_leaves_the_main_one_working()
    {
        using var socket = await ConnectToMainAndCustomAsync();
        await RawEngineIoClient.SendTextAsync(socket, "41/custom,");
        await RawEngineIoClient.SendTextAsync(socket, "42[\"message\",\"to main\"]");
        Assert.Equal("42[\"message-back\",\"to main\"]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task A_client_that_left_the_first_namespace_it_joined_keeps_the_others_and_can_join_it_again()
    {
        using var socket = await ConnectToMainAndCustomAsync();
        await RawEngineIoClient.SendTextAsync(socket, "41");

        // A second CONNECT to a namespace still joined, or an event for one not joined, would close the connection.
        await RawEngineIoClient.SendTextAsync(socket, "40");
        Assert.StartsWith("40{\"sid\":", await RawEngineIoClient.ReceiveTextAsync(socket), StringComparison.Ordinal);
        Assert.Equal("42[\"auth\",{}]", await RawEngineIoClient.ReceiveTextAsync(socket));
        await RawEngineIoClient.SendTextAsync(socket, "42/custom,[\"unhandled\"]");
        await RawEngineIoClient.SendTextAsync(socket, "42[\"message\",\"still here\"]");
        Assert.Equal("42[\"message-back\",\"still here\"]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task A_room_broadcast_reaches_members_and_not_others()
    {
        using var member = await Client.ConnectSocketIoAsync();
        using var outsider = await Client.ConnectSocketIoAsync();
        await RawEngineIoClient.SendTextAsync(member, "421[\"join\",\"user:alice\"]");
        Assert.Equal("431[]", await RawEngineIoClient.ReceiveTextAsync(member));

        await RawEngineIoClient.SendTextAsync(outsider, "42[\"to-room\",\"user:alice\",\"hi alice\"]");
        Assert.Equal("42[\"room-message\",\"hi alice\"]", await RawEngineIoClient.ReceiveTextAsync(member));

        // The outsider got nothing: its next message is the answer to its own echo.
        await RawEngineIoClient.SendTextAsync(outsider, "42[\"message\",\"mine\"]");
        Assert.Equal("42[\"message-back\",\"mine\"]", await RawEngineIoClient.ReceiveTextAsync(outsider));
    }

    [Fact]
    public async Task A_socket_id_is_a_room_of_that_socket()
    {
        using var socket = await Client.ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(socket);
        await RawEngineIoClient.SendTextAsync(socket, "40");
        var sid = (await RawEngineIoClient.ReceiveTextAsync(socket))[10..^2];
        await RawEngineIoClient.ReceiveTextAsync(socket); // auth
        await Server.Io.Of("/").To(sid).EmitAsync("direct", Encoding.UTF8.GetBytes("x").Length);
        Assert.Equal("42[\"direct\",1]", await RawEngineIoClient.ReceiveTextAsync(socket));
    }
}
