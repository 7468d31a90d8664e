using Microsoft.Extensions.Primitives;

namespace Chatwire.SocketIo.Tests;

public sealed class HandshakeQueryTests
{
    // As the request "?EIO=4&token=first&token=second" is copied.
    private static readonly HandshakeQuery Query = new([new("EIO", "4"), new("token", new StringValues(["first", "second"]))]);

    [Fact]
    public void Query_keys_compare_exactly()
    {
        Assert.Equal(new StringValues(["first", "second"]), Query["token"]);
        Assert.Equal(StringValues.Empty, Query["Token"]);
        Assert.False(Query.ContainsKey("eio"));
        Assert.True(Query.TryGetValue("EIO", out var version));
        Assert.Equal("4", version);
    }

    [Fact]
    public void A_missing_key_reads_as_no_value()
    {
        Assert.Equal(StringValues.Empty, Query["sid"]);
        Assert.False(Query.TryGetValue("sid", out var none));
        Assert.Equal(StringValues.Empty, none);
    }

    [Fact]
    public void The_query_enumerates_in_request_order()
    {
        Assert.Equal(["EIO", "token"], Query.Select(pair => pair.Key));
        Assert.Equal(["EIO", "token"], Query.Keys);
        Assert.Equal(2, Query.Count);
    }
}
