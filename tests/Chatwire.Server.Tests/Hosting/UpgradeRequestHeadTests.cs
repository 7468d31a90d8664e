using System.Buffers;
using System.Text;
using Chatwire.Server.Hosting.DirectWebSockets;
using Chatwire.SocketIo.Tests.Protocol;

namespace Chatwire.Server.Tests.Hosting;

/// <summary>
/// The direct path reads request heads strictly: what it does not take is served by Kestrel, so
/// every unusual head must come out "not taken", never misread.
/// </summary>
public sealed class UpgradeRequestHeadTests
{
    private const string Handshake =
        "GET /ws/chat?token=abc&brand_id=b1 HTTP/1.1\r\nHost: localhost:8000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    [Fact]
    public void HandshakeIsParsedWithPathQueryHeadersAndLength()
    {
        var status = UpgradeRequestHead.TryParse(Bytes(Handshake + "\x81\x85"), AnyPath, out var head);

        Assert.Equal(HeadStatus.Parsed, status);
        Assert.Equal("/ws/chat", head!.Path);
        Assert.Equal("?token=abc&brand_id=b1", head.Query);
        Assert.Equal("websocket", head.Headers["Upgrade"]);
        Assert.Equal("localhost:8000", head.Headers["Host"]);
        Assert.Equal(Handshake.Length, head.Length);
    }

    [Fact]
    public void HeadCutIntoSegmentsAnyWayIsParsed()
    {
        foreach (var received in Segments.AllSplits(Handshake))
        {
            Assert.Equal(HeadStatus.Parsed, UpgradeRequestHead.TryParse(received, AnyPath, out var head));
            Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", head!.Headers["Sec-WebSocket-Key"]);
        }
    }

    [Fact]
    public void RepeatedHeaderKeepsEveryValue()
    {
        var status = UpgradeRequestHead.TryParse(Bytes(Handshake.Replace("\r\n\r\n", "\r\nX-Tag: a\r\nX-Tag: b\r\n\r\n", StringComparison.Ordinal)), AnyPath, out var head);

        Assert.Equal(HeadStatus.Parsed, status);
        Assert.Equal(2, head!.Headers["X-Tag"].Count);
        Assert.Equal("a,b", head.Headers["X-Tag"].ToString());
    }

    [Theory]
    [InlineData("GET /ws/chat HTTP/1.1\r\nHost: x\r\n")]
    [InlineData("GET /ws/ch")]
    [InlineData("GE")]
    [InlineData("")]
    public void HeadWithoutItsBlankLineIsIncomplete(string received) =>
        Assert.Equal(HeadStatus.Incomplete, UpgradeRequestHead.TryParse(Bytes(received), AnyPath, out _));

    [Theory]
    [InlineData("POST /ws/chat HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /ws/chat HTTP/1.0\r\nHost: x\r\n\r\n")]
    [InlineData("GET /ws/%63hat HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET http://x/ws/chat HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /ws/chat HTTP/1.1\r\nUpgrade: websocket\r\n\r\n")]
    [InlineData("GET /ws/chat HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n")]
    [InlineData("GET /ws/chat HTTP/1.1\r\nHost: x\r\nBad Name: a\r\n\r\n")]
    [InlineData("GET /ws/chat HTTP/1.1\r\nHost: x\r\nNo-Colon\r\n\r\n")]
    [InlineData("GET /ws/chat HTTP/1.1\r\nHost: x\r\nX-Name: caf\u00e9\r\n\r\n")]
    [InlineData("GET /ws/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody")]
    [InlineData("GET /ws/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")]
    public void UnusualHeadIsNotTaken(string received) =>
        Assert.Equal(HeadStatus.NotTaken, UpgradeRequestHead.TryParse(Bytes(received), AnyPath, out _));

    [Fact]
    public void HeadOverTheLimitIsNotTakenRatherThanAwaited()
    {
        var huge = "GET /ws/chat HTTP/1.1\r\nHost: x\r\nCookie: " + new string('c', UpgradeRequestHead.MaxLength);

        Assert.Equal(HeadStatus.NotTaken, UpgradeRequestHead.TryParse(Bytes(huge), AnyPath, out _));
    }

    [Fact]
    public void PathNoDirectEndpointServesIsNotTaken()
    {
        Assert.Equal(HeadStatus.NotTaken, UpgradeRequestHead.TryParse(Bytes(Handshake), path => path == "/health", out var head));
        Assert.Null(head);
    }

    [Theory]
    [InlineData("G", true)]
    [InlineData("GET /", true)]
    [InlineData("GET /health HTTP/1.1", true)]
    [InlineData("", true)]
    [InlineData("POST", false)]
    [InlineData("\x16\x03\x01", false)]
    [InlineData("PRI * HTTP/2.0", false)]
    public void OnlyAGetToAPathMayStartAHeadWorthWaitingFor(string received, bool mayStart) =>
        Assert.Equal(mayStart, UpgradeRequestHead.MayStart(Bytes(received)));

    private static bool AnyPath(string path) => true;

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.Latin1.GetBytes(text));
}
