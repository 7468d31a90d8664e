using System.Security.Claims;
using System.Text.Json;

namespace Chatwire.SocketIo.Tests;

public sealed class SocketIoHandshakeTests
{
    private static readonly SocketIoHandshake Opening = new()
    {
        Headers = new HandshakeHeaders([new("Host", "chat.example")]),
        Query = new HandshakeQuery([new("EIO", "4")]),
        User = new ClaimsPrincipal(),
    };

    [Fact]
    public void A_handshake_without_auth_reads_it_as_an_empty_object()
    {
        Assert.Equal(JsonValueKind.Object, Opening.Auth.ValueKind);
        Assert.Equal("{}", Opening.Auth.GetRawText());
        Assert.Equal("{}", (Opening with { Auth = default }).Auth.GetRawText());
    }

    [Fact]
    public void Auth_reads_back_as_the_json_it_was_given()
    {
        const string Sent = """{ "token": "t\u00e9", "nested": {"n": [1, 2.50, null]} }""";
        using var document = JsonDocument.Parse(Sent);
        var handshake = Opening with { Auth = document.RootElement };
        Assert.Equal(Sent, handshake.Auth.GetRawText());
        Assert.Equal("t\u00e9", handshake.Auth.GetProperty("token").GetString());
    }

    [Fact]
    public void Auth_stays_readable_after_the_document_it_came_from_is_disposed()
    {
        SocketIoHandshake handshake;
        using (var document = JsonDocument.Parse("""{"token":"abc"}"""))
        {
            handshake = Opening with { Auth = document.RootElement };
        }

        Assert.Equal("abc", handshake.Auth.GetProperty("token").GetString());
    }

    [Fact]
    public void A_handshake_with_auth_keeps_the_request_part_it_was_made_from()
    {
        using var document = JsonDocument.Parse("""{"token":"abc"}""");
        var handshake = Opening with { Auth = document.RootElement };
        Assert.Same(Opening.Headers, handshake.Headers);
        Assert.Same(Opening.Query, handshake.Query);
        Assert.Equal("{}", Opening.Auth.GetRawText());
    }
}
