namespace Chatwire.Server.Auth;

/// <summary>JWT settings; bound from the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// HS256 signing key (at least 32 bytes of text). When empty, a random key is generated on
    /// first start and kept in the data folder, so tokens survive restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// An external OpenID Connect authority (issuer URL). When set, tokens are validated against the
    /// keys its discovery document publishes instead of the local key, and must carry its issuer.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>Refuse an authority whose discovery document is not served over HTTPS (turn off only for local tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string Issuer { get; set; } = "chatwire";
    public string Audience { get; set; } = "chatwire";

    /// <summary>Lifetime of tokens minted by the <c>token</c> command and the development endpoint.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Tolerated clock difference between the token issuer and this server.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
