namespace Chatwire.Core.Usage;

/// <summary>Who is asking: an authenticated user (JWT) or an anonymous visitor (x-anon-id).</summary>
public sealed record ChatIdentity(IdentityKind Kind, string Id, string? Email = null, string? Name = null)
{
    /// <summary>The key conversations are owned by and limits are counted against: <c>user:alice</c>, <c>anon:abc</c>.</summary>
    public string Key { get; } = (Kind == IdentityKind.User ? "user:" : "anon:") + Id;

    /// <summary>The caller's network address, when the wire knows it; rate limits for anonymous callers use it too.</summary>
    public string? ClientAddress { get; init; }

    public bool IsAnonymous => Kind == IdentityKind.Anonymous;

    public static ChatIdentity User(string id, string? email = null, string? name = null) => new(IdentityKind.User, id, email, name);

    public static ChatIdentity Anonymous(string anonId) => new(IdentityKind.Anonymous, anonId);
}

public enum IdentityKind
{
    Anonymous,
    User,
}
