using Chatwire.SocketIo.EngineIo;

namespace Chatwire.SocketIo.Tests;

public sealed class HandshakeStringsTests
{
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HandshakeStringsTests/1.0";

    [Fact]
    public void A_header_value_that_clients_repeat_is_kept_once()
    {
        // Copies, as two requests would each have their own.
        var first = HandshakeStrings.HeaderValue("User-Agent", new string(UserAgent));
        var second = HandshakeStrings.HeaderValue("user-agent", new string(UserAgent));
        Assert.Equal(UserAgent, first);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_common_value_is_the_shared_one_and_a_per_client_header_is_left_alone()
    {
        Assert.Same("websocket", HandshakeStrings.HeaderValue("Upgrade", new string("websocket")));

        var key = new string("dGhlIHNhbXBsZSBub25jZQ==");
        Assert.Same(key, HandshakeStrings.HeaderValue("Sec-WebSocket-Key", key));
        var again = new string(key);
        Assert.Same(again, HandshakeStrings.HeaderValue("Sec-WebSocket-Key", again));
    }

    [Fact]
    public void A_long_value_is_left_alone()
    {
        var first = new string('a', 600);
        Assert.Same(first, HandshakeStrings.HeaderValue("X-Long", first));
        var second = new string('a', 600);
        Assert.Same(second, HandshakeStrings.HeaderValue("X-Long", second));
    }
}
