using Chatwire.Server.Auth;

namespace Chatwire.Server.Tests.Auth;

public sealed class OriginPolicyTests
{
    private static readonly OriginPolicy Default = new(new OriginOptions());

    [Theory]
    [InlineData(null, "chat.example.com")]
    [InlineData("", "chat.example.com")]
    [InlineData("https://chat.example.com", "chat.example.com")]
    [InlineData("http://chat.example.com:8000", "chat.example.com:8000")]
    [InlineData("http://localhost:3000", "chat.example.com")]
    [InlineData("http://127.0.0.1:8000", "chat.example.com")]
    [InlineData("http://[::1]:8000", "chat.example.com")]
    public void SameOriginLoopbackAndNonBrowserClientsAreAllowedByDefault(string? origin, string host) =>
        Assert.True(Default.IsAllowed(origin, host));

    [Theory]
    [InlineData("https://evil.example", "chat.example.com")]
    [InlineData("https://chat.example.com.evil.example", "chat.example.com")]
    [InlineData("http://chat.example.com:9999", "chat.example.com:8000")]
    [InlineData("null", "chat.example.com")]
    [InlineData("file://", "chat.example.com")]
    public void ForeignOriginsAreRefused(string origin, string host) =>
        Assert.False(Default.IsAllowed(origin, host));

    [Fact]
    public void ConfiguredOriginsAreAllowedAndLoopbackCanBeTurnedOff()
    {
        var policy = new OriginPolicy(new OriginOptions { Allowed = ["https://app.example.com/"], AllowLoopback = false });

        Assert.True(policy.IsAllowed("https://app.example.com", "api.example.com"));
        Assert.False(policy.IsAllowed("http://localhost:3000", "api.example.com"));
    }

    [Fact]
    public void WildcardAllowsAnyOrigin() =>
        Assert.True(new OriginPolicy(new OriginOptions { Allowed = ["*"] }).IsAllowed("https://anywhere.example", "api.example.com"));
}
