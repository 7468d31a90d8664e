using System.Buffers;

namespace Chatwire.Server.Auth;

/// <summary>The <c>x-anon-id</c> an anonymous visitor is known by: 8 to 64 letters, digits, '-' or '_'.</summary>
public static class AnonymousId
{
    public const string HeaderName = "x-anon-id";
    public const string QueryName = "anon_id";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    public static bool IsValid(string? value) =>
        value is { Length: >= 8 and <= 64 } && !value.AsSpan().ContainsAnyExcept(Allowed);

    public static string New() => Guid.NewGuid().ToString();
}
