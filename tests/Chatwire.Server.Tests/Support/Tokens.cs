using Chatwire.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Support;

public static class Tokens
{
    /// <summary>A valid token for <paramref name="userId"/> signed with the server's key.</summary>
    public static string For(ChatwireServer server, string userId) =>
        server.Services.GetRequiredService<TokenService>().Mint(userId, $"{userId}@example.com", userId);
}
