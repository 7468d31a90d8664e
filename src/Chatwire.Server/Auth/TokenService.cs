using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Chatwire.Core.Usage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Chatwire.Server.Auth;

/// <summary>
/// Mints and validates the HS256 JWTs every wire accepts. The one place a token is judged, so a
/// header, a query string, an auth frame and a Socket.IO handshake all validate it identically.
/// With an external OpenID Connect authority configured, tokens are judged by the authority's
/// published keys and issuer instead of the local key (which then only signs development tokens).
/// </summary>
public sealed class TokenService
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly IConfigurationManager<OpenIdConnectConfiguration>? _authority;
    private (OpenIdConnectConfiguration? Source, TokenValidationParameters? Parameters) _authorityValidation;

    public TokenService(AuthOptions options, SymmetricSecurityKey key, TimeProvider time, IConfigurationManager<OpenIdConnectConfiguration>? authority = null)
    {
        _options = options;
        _time = time;
        _authority = authority;
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = options.ClockSkew,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = ValidateLifetime,
        };
    }

    /// <summary>Reads an authority's discovery document (<c>/.well-known/openid-configuration</c>) and its JWKS, cached and refreshed.</summary>
    public static ConfigurationManager<OpenIdConnectConfiguration> CreateAuthority(AuthOptions options) =>
        new(options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = options.RequireHttpsMetadata });

    /// <summary>Loads the configured key, or the one kept under the data folder, creating it on first start.</summary>
    public static SymmetricSecurityKey LoadOrCreateKey(AuthOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var bytes = Encoding.UTF8.GetBytes(options.SigningKey);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long for HS256.");
            }

            return new SymmetricSecurityKey(bytes);
        }

        var path = Path.Combine(dataDirectory, "jwt-signing.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    public string Mint(string subject, string? email, string? name, TimeSpan? lifetime = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (email is not null)
        {
            claims["email"] = email;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? _options.TokenLifetime),
            SigningCredentials = _credentials,
        });
    }

    /// <summary>The user a token names, or a reason it is refused (safe to show).</summary>
    public async Task<TokenValidation> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenValidation.Invalid("Token is missing");
        }

        if (token.Length > 8192)
        {
            return TokenValidation.Invalid("Invalid token");
        }

        var parameters = _validation;
        if (_authority is not null)
        {
            try
            {
                parameters = ForAuthority(await _authority.GetConfigurationAsync(CancellationToken.None));
            }
            catch (Exception)
            {
                return TokenValidation.Invalid("Token could not be checked: the identity provider is unreachable");
            }
        }

        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            if (_authority is not null && result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // The authority may have rotated its keys; fetch them again (rate-limited by the manager).
                _authority.RequestRefresh();
            }

            return TokenValidation.Invalid(result.Exception is SecurityTokenExpiredException ? "Token has expired" : "Invalid token");
        }

        var identity = result.ClaimsIdentity;
        var subject = identity.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return TokenValidation.Invalid("Token has no subject");
        }

        return TokenValidation.Valid(ChatIdentity.User(subject, identity.FindFirst("email")?.Value, identity.FindFirst("name")?.Value));
    }

    /// <summary>Validation parameters for the authority's current keys, rebuilt only when its configuration changes.</summary>
    private TokenValidationParameters ForAuthority(OpenIdConnectConfiguration configuration)
    {
        var cached = _authorityValidation;
        if (ReferenceEquals(cached.Source, configuration) && cached.Parameters is { } ready)
        {
            return ready;
        }

        var parameters = _validation.Clone();
        parameters.IssuerSigningKey = null;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.ValidIssuer = configuration.Issuer;
        parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
            SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSsaPssSha256];
        _authorityValidation = (configuration, parameters);
        return parameters;
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        // Judged against the injected clock so expiry is testable without waiting.
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } end && now <= end + parameters.ClockSkew && (notBefore is not { } start || now + parameters.ClockSkew >= start);
    }
}

public sealed record TokenValidation(ChatIdentity? Identity, string? Error)
{
    public bool IsValid => Identity is not null;

    public static TokenValidation Valid(ChatIdentity identity) => new(identity, null);

    public static TokenValidation Invalid(string error) => new(null, error);
}
