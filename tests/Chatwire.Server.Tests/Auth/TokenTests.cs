using System.Diagnostics;
using System.Net;
using Chatwire.Server.Tests.Support;
using Chatwire.Server.Tests.WsChat;

namespace Chatwire.Server.Tests.Auth;

public sealed class TokenTests
{
    [Fact]
    public async Task GeneratedSigningKeyIsKeptSoTokensSurviveARestart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("chatwire-key-").FullName;
        try
        {
            string token;
            await using (var first = await ChatwireServer.StartAsync(dataDirectory: dataDirectory))
            {
                token = WsChatClient.MintToken(first, "restart-user");
            }

            Assert.True(File.Exists(Path.Combine(dataDirectory, "jwt-signing.key")));
            await using var second = await ChatwireServer.StartAsync(dataDirectory: dataDirectory);
            await using var client = await WsChatClient.ConnectAsync(second, "?token=" + token);
            Assert.Equal("auth_success", (await client.ReceiveAsync()).Str("type"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfiguredSigningKeyIsUsedInsteadOfAGeneratedOne()
    {
        var settings = new Dictionary<string, string?> { ["Auth:SigningKey"] = "a-configured-signing-key-of-at-least-32-bytes" };
        await using var first = await ChatwireServer.StartAsync(settings);
        await using var second = await ChatwireServer.StartAsync(settings);

        Assert.False(File.Exists(Path.Combine(first.DataDirectory, "jwt-signing.key")));
        await using var client = await WsChatClient.ConnectAsync(second, "?token=" + WsChatClient.MintToken(first, "shared-key-user"));
        Assert.Equal("auth_success", (await client.ReceiveAsync()).Str("type"));
    }

    [Fact]
    public async Task TokenCommandMintsATokenAServerSharingTheDataFolderAccepts()
    {
        await using var server = await ChatwireServer.StartAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Database__DataDirectory"] = server.DataDirectory },
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Chatwire.Server.dll"), "token", "--sub", "alice", "--email", "alice@example.com", "--name", "Alice" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);

        await using var client = await WsChatClient.ConnectAsync(server);
        await client.SendAsync(new { type = "auth", token = output.Trim() });
        var reply = await client.ReceiveAsync();
        Assert.Equal("auth_success", reply.Str("type"));
        var user = reply.GetProperty("user");
        Assert.Equal(("alice", "alice@example.com", "Alice"), (user.Str("id"), user.Str("email"), user.Str("name")));
    }

    [Fact]
    public async Task DevelopmentTokenEndpointMintsAUsableToken()
    {
        await using var server = await ChatwireServer.StartAsync();

        var response = await server.PostJsonAsync("/dev/token", new { sub = "page-user", name = "Page User" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        await using var client = await WsChatClient.ConnectAsync(server);
        await client.SendAsync(new { type = "auth", token = body.Str("token") });
        var reply = await client.ReceiveAsync();
        Assert.Equal(("page-user", "Page User"), (reply.GetProperty("user").Str("id"), reply.GetProperty("user").Str("name")));
    }

    [Fact]
    public async Task TokenWithAnotherIssuerOrAudienceIsRefused()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = "a-configured-signing-key-of-at-least-32-bytes" });
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey("a-configured-signing-key-of-at-least-32-bytes"u8.ToArray());
        var otherIssuer = new Server.Auth.TokenService(new Server.Auth.AuthOptions { Issuer = "someone-else" }, key, TimeProvider.System).Mint("x", null, null);
        var otherAudience = new Server.Auth.TokenService(new Server.Auth.AuthOptions { Audience = "another-api" }, key, TimeProvider.System).Mint("x", null, null);

        await using var client = await WsChatClient.ConnectAsync(server);
        foreach (var token in new[] { otherIssuer, otherAudience })
        {
            await client.SendAsync(new { type = "auth", token });
            Assert.Equal("auth_error", (await client.ReceiveAsync()).Str("type"));
        }
    }
}
