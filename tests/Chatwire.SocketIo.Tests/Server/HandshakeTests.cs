using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Chatwire.SocketIo.Tests.Server;

/// <summary>The handshake as a namespace handler reads it, after the request that opened the session is gone.</summary>
public sealed class HandshakeTests() : ServerTests(SmallPayload)
{
    private const string Auth = """{"token":"t","nested":{"n":[1,2]}}""";

    [Fact]
    public async Task A_handler_reads_the_opening_requests_headers_and_query_as_sent_repeated_ones_included()
    {
        var sid = await Client.OpenPollingSidAsync(RawEngineIoClient.Query() + "&tag=1&tag=2", "X-Tag: a", "x-tag: b", "User-Agent: handshake-test");
        var handshake = await ConnectToHandshakeNamespaceAsync(sid, Auth);

        var headers = handshake.GetProperty("headers");
        Assert.Equal(["a", "b"], Strings(headers.GetProperty("X-Tag")));
        Assert.Equal(["handshake-test"], Strings(headers.GetProperty("User-Agent")));
        Assert.Equal([Server.Address.Authority], Strings(headers.GetProperty("Host")));
        Assert.Equal(["a", "b"], Strings(handshake.GetProperty("tagAskedInCapitals")));
        Assert.Empty(Strings(handshake.GetProperty("absentHeader")));

        var query = handshake.GetProperty("query");
        Assert.Equal(["4"], Strings(query.GetProperty("EIO")));
        Assert.Equal(["polling"], Strings(query.GetProperty("transport")));
        Assert.Equal(["1", "2"], Strings(query.GetProperty("tag")));
    }

    [Fact]
    public async Task A_handler_reads_the_auth_payload_as_sent()
    {
        var sid = await Client.OpenPollingSidAsync();
        var handshake = await ConnectToHandshakeNamespaceAsync(sid, Auth);
        Assert.Equal(Auth, handshake.GetProperty("auth").GetRawText());
    }

    [Fact]
    public async Task A_connect_without_auth_reads_as_an_empty_object()
    {
        var sid = await Client.OpenPollingSidAsync();
        var handshake = await ConnectToHandshakeNamespaceAsync(sid, auth: "");
        Assert.Equal("{}", handshake.GetProperty("auth").GetRawText());
    }

    [Fact]
    public async Task Each_namespace_reads_its_own_auth_payload_over_one_connection()
    {
        var sid = await Client.OpenPollingSidAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await Client.PostAsync(sid, "40/custom," + Auth));
        var (_, body) = await Client.PollAsync(sid);
        Assert.EndsWith("42/custom,[\"auth\"," + Auth + "]", body, StringComparison.Ordinal);

        var handshake = await ConnectToHandshakeNamespaceAsync(sid, auth: "");
        Assert.Equal("{}", handshake.GetProperty("auth").GetRawText());
    }

    [Fact]
    public async Task An_auth_payload_over_max_payload_closes_the_connection_as_too_big()
    {
        using var socket = await OpenEngineAsync();
        await RawEngineIoClient.SendTextAsync(socket, "40/handshake,{\"token\":\"" + new string('x', 2000) + "\"}");
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await RawEngineIoClient.WaitForCloseAsync(socket));
    }

    [Fact]
    public async Task An_auth_payload_nested_too_deep_closes_the_connection()
    {
        using var socket = await OpenEngineAsync();
        await RawEngineIoClient.SendTextAsync(socket, "40/handshake," + string.Concat(Enumerable.Repeat("{\"a\":", 65)) + "1" + new string('}', 65));
        await RawEngineIoClient.WaitForCloseAsync(socket);
    }

    private async Task<ClientWebSocket> OpenEngineAsync()
    {
        var socket = await Client.ConnectWebSocketAsync();
        await RawEngineIoClient.ReceiveTextAsync(socket);
        return socket;
    }

    /// <summary>Joins the namespace that echoes the handshake and returns what its handler read.</summary>
    private async Task<JsonElement> ConnectToHandshakeNamespaceAsync(string sid, string auth)
    {
        Assert.Equal((HttpStatusCode.OK, "ok"), await Client.PostAsync(sid, "40/handshake," + auth));
        var (_, body) = await Client.PollAsync(sid);
        var packets = body.Split('\u001e');
        Assert.StartsWith("40/handshake,{\"sid\":", packets[0], StringComparison.Ordinal);
        const string Event = "42/handshake,";
        Assert.StartsWith(Event, packets[1], StringComparison.Ordinal);
        using var arguments = JsonDocument.Parse(packets[1][Event.Length..]);
        Assert.Equal("handshake", arguments.RootElement[0].GetString());
        return arguments.RootElement[1].Clone();
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}
