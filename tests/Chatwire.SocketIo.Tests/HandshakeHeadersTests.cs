using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Chatwire.SocketIo.Tests;

public sealed class HandshakeHeadersTests
{
    private static readonly IHeaderDictionary Headers = new HandshakeHeaders(
    [
        new("Host", "chat.example"),
        new("X-Tag", new StringValues(["a", "b"])),
        new("Content-Length", " 42 "),
    ]);

    [Fact]
    public void Header_names_are_found_whatever_their_case()
    {
        Assert.Equal("chat.example", Headers["host"]);
        Assert.Equal("chat.example", Headers["HOST"]);
        Assert.True(Headers.ContainsKey("x-tag"));
        Assert.True(Headers.TryGetValue("X-TAG", out var tags));
        Assert.Equal(new StringValues(["a", "b"]), tags);
    }

    [Fact]
    public void A_missing_header_reads_as_no_value_but_throws_when_read_as_a_dictionary()
    {
        Assert.Equal(StringValues.Empty, Headers["X-Absent"]);
        Assert.False(Headers.TryGetValue("X-Absent", out _));
        Assert.Throws<KeyNotFoundException>(() => ((IDictionary<string, StringValues>)Headers)["X-Absent"]);
    }

    [Fact]
    public void The_headers_enumerate_in_request_order_with_their_names_and_values()
    {
        Assert.Equal(["Host", "X-Tag", "Content-Length"], Headers.Select(header => header.Key));
        Assert.Equal(["Host", "X-Tag", "Content-Length"], Headers.Keys);
        Assert.Equal(["chat.example", "a,b", " 42 "], Headers.Values.Select(value => value.ToString()));
        Assert.Equal(3, Headers.Count);

        var copy = new KeyValuePair<string, StringValues>[4];
        Headers.CopyTo(copy, 1);
        Assert.Equal("X-Tag", copy[2].Key);

        // As a collection of pairs: the name ignoring case, and all of its values.
        var hasBothTags = Headers.Contains(new KeyValuePair<string, StringValues>("x-tag", new StringValues(["a", "b"])));
        var hasOneTag = Headers.Contains(new KeyValuePair<string, StringValues>("x-tag", "a"));
        Assert.True(hasBothTags);
        Assert.False(hasOneTag);
    }

    [Fact]
    public void Content_length_is_read_from_its_header_as_a_request_reads_it()
    {
        Assert.Equal(42, Headers.ContentLength);
        Assert.Null(new HandshakeHeaders([]).ContentLength);
        Assert.Null(new HandshakeHeaders([new("Content-Length", "many")]).ContentLength);
    }

    [Fact]
    public void Every_change_to_the_headers_throws()
    {
        Assert.True(Headers.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => Headers["X-Tag"] = "c");
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, StringValues>)Headers).Add("X-New", "c"));
        Assert.Throws<NotSupportedException>(() => Headers.Remove("X-Tag"));
        Assert.Throws<NotSupportedException>(() => Headers.ContentLength = 1);
        Assert.Throws<NotSupportedException>(Headers.Clear);
        Assert.Equal(new StringValues(["a", "b"]), Headers["X-Tag"]);
    }
}
