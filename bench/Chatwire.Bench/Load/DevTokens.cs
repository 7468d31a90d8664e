using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Chatwire.Bench.Load;

/// <summary>
/// HS256 JWTs as the server's <c>token</c> command mints them (issuer and audience <c>chatwire</c>),
/// signed with the key the bench gives the server (<c>--Auth:SigningKey</c>). Minted here because a
/// run needs thousands of distinct users and starting the server's CLI per user would take minutes.
/// </summary>
public static class DevTokens
{
    private static readonly string Header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    public static string NewSigningKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static string Mint(string signingKey, string subject, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["name"] = subject,
            ["iss"] = "chatwire",
            ["aud"] = "chatwire",
            ["iat"] = now,
            ["nbf"] = now - 60,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        });
        var unsigned = Header + "." + Base64Url(claims);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
