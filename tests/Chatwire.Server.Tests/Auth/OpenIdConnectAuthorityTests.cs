using System.Security.Cryptography;
using Chatwire.Server.Tests.Support;
using Chatwire.Server.Tests.WsChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chatwire.Server.Tests.Auth;

/// <summary>An external OpenID Connect authority: a fake discovery document and JWKS on 127.0.0.1 signing RS256 tokens.</summary>
public sealed class OpenIdConnectAuthorityTests : IAsyncLifetime
{
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication _authority = null!;
    private string _issuer = "";
    private ChatwireServer _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _authority = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "key-1" });
        _authority.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _issuer,
            ["jwks_uri"] = _issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _authority.MapGet("/jwks", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
        await _authority.StartAsync();
        _issuer = _authority.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = _issuer,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:Audience"] = "chatwire-api",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _authority.StopAsync();
        await _authority.DisposeAsync();
        _rsa.Dispose();
    }

    [Fact]
    public async Task TokenSignedByTheAuthorityIsAccepted()
    {
        await using var client = await WsChatClient.ConnectAsync(_server);

        await client.SendAsync(new { type = "auth", token = Mint(_rsa, "key-1", _issuer) });

        var reply = await client.ReceiveAsync();
        Assert.Equal("auth_success", reply.Str("type"));
        Assert.Equal(("oidc-user", "oidc@example.com", "Oidc User"), (reply.GetProperty("user").Str("id"), reply.GetProperty("user").Str("email"), reply.GetProperty("user").Str("name")));
    }

    [Fact]
    public async Task TokenSignedByAnotherKeyOrIssuerOrTheLocalKeyIsRefused()
    {
        using var stranger = RSA.Create(2048);
        await using var client = await WsChatClient.ConnectAsync(_server);

        foreach (var token in new[] { Mint(stranger, "key-1", _issuer), Mint(_rsa, "key-1", "https://other-issuer.example"), WsChatClient.MintToken(_server, "local-user") })
        {
            await client.SendAsync(new { type = "auth", token });
            Assert.Equal("auth_error", (await client.ReceiveAsync()).Str("type"));
        }
    }

    private static string Mint(RSA key, string keyId, string issuer) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = "chatwire-api",
        Claims = new Dictionary<string, object> { ["sub"] = "oidc-user", ["email"] = "oidc@example.com", ["name"] = "Oidc User" },
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
    });
}
