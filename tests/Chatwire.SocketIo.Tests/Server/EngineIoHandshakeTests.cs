using System.Net;
using System.Text.Json;

namespace Chatwire.SocketIo.Tests.Server;

public sealed class EngineIoHandshakeTests() : ServerTests()
{
    private static void AssertError(HttpStatusCode expectedStatus, int code, string message, (HttpStatusCode Status, string Body) response)
    {
        Assert.Equal(expectedStatus, response.Status);
        var body = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_polling_handshake_returns_the_open_packet_with_the_configured_settings()
    {
        var open = await Client.OpenPollingAsync();
        Assert.Equal(20, open.GetProperty("sid").GetString()!.Length);
        Assert.Equal(["websocket"], open.GetProperty("upgrades").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(25000, open.GetProperty("pingInterval").GetInt32());
        Assert.Equal(20000, open.GetProperty("pingTimeout").GetInt32());
        Assert.Equal(1000000, open.GetProperty("maxPayload").GetInt32());
    }

    [Fact]
    public async Task A_websocket_handshake_offers_no_upgrades()
    {
        using var socket = await Client.ConnectWebSocketAsync();
        var open = await RawEngineIoClient.ReceiveTextAsync(socket);
        Assert.Equal("[]", JsonDocument.Parse(open[1..]).RootElement.GetProperty("upgrades").GetRawText());
    }

    [Theory]
    [InlineData("/socket.io/?transport=polling")]
    [InlineData("/socket.io/?EIO=abc&transport=polling")]
    [InlineData("/socket.io/?EIO=3&transport=polling")]
    public async Task A_missing_or_unsupported_EIO_is_refused_with_code_5(string url) =>
        AssertError(HttpStatusCode.BadRequest, 5, "Unsupported protocol version", await Client.SendAsync(HttpMethod.Get, url));

    [Theory]
    [InlineData("/socket.io/?EIO=4")]
    [InlineData("/socket.io/?EIO=4&transport=abc")]
    public async Task A_missing_or_unknown_transport_is_refused_with_code_0(string url) =>
        AssertError(HttpStatusCode.BadRequest, 0, "Transport unknown", await Client.SendAsync(HttpMethod.Get, url));

    [Fact]
    public async Task A_handshake_by_post_or_put_is_refused_with_code_2()
    {
        AssertError(HttpStatusCode.BadRequest, 2, "Bad handshake method", await Client.SendAsync(HttpMethod.Post, RawEngineIoClient.Query(), "40"));
        AssertError(HttpStatusCode.BadRequest, 2, "Bad handshake method", await Client.SendAsync(HttpMethod.Put, RawEngineIoClient.Query(), "40"));
    }

    [Fact]
    public async Task An_unknown_sid_is_refused_with_code_1()
    {
        AssertError(HttpStatusCode.BadRequest, 1, "Session ID unknown", await Client.PollAsync("nope"));
        AssertError(HttpStatusCode.BadRequest, 1, "Session ID unknown", await Client.PostAsync("nope", "40"));
    }

    [Fact]
    public async Task A_plain_get_claiming_the_websocket_transport_is_refused_with_code_3() =>
        AssertError(HttpStatusCode.BadRequest, 3, "Bad request", await Client.SendAsync(HttpMethod.Get, RawEngineIoClient.Query(transport: "websocket")));

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_gets_the_cors_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, RawEngineIoClient.Query());
        request.Headers.Add("Origin", "http://allowed.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var response = await Server.Http.SendAsync(request).WaitAsync(SocketIoTestServer.Timeout);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://allowed.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal("content-type", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task A_request_from_an_origin_not_on_the_allow_list_is_forbidden_with_code_4() =>
        AssertError(HttpStatusCode.Forbidden, 4, "Forbidden", await Client.SendAsync(HttpMethod.Get, RawEngineIoClient.Query(), origin: "http://evil.example"));

    [Fact]
    public async Task A_handshake_from_an_allowed_origin_echoes_it_for_the_browser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RawEngineIoClient.Query());
        request.Headers.Add("Origin", "http://allowed.example");
        using var response = await Server.Http.SendAsync(request).WaitAsync(SocketIoTestServer.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://allowed.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
