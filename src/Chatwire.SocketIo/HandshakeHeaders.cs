using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Chatwire.SocketIo;

/// <summary>
/// The headers of the request that opened the session, read-only: names compare ignoring case, and a
/// missing header reads as no value, as on the request itself. Changing them would change nothing the
/// client sent, so every change throws.
/// </summary>
internal sealed class HandshakeHeaders(KeyValuePair<string, StringValues>[] entries) : HandshakeValues(entries), IHeaderDictionary
{
    public bool IsReadOnly => true;

    public ICollection<StringValues> Values => Array.ConvertAll(Entries, static entry => entry.Value);

    public long? ContentLength
    {
        // Parsed as HeaderDictionary does: one value, surrounding spaces allowed.
        get => this[HeaderNames.ContentLength] is [{ } raw] && HeaderUtilities.TryParseNonNegativeInt64(new StringSegment(raw).Trim(), out var length)
            ? length
            : null;
        set => throw ReadOnly();
    }

    protected override StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    StringValues IHeaderDictionary.this[string key]
    {
        get => this[key];
        set => throw ReadOnly();
    }

    // As a dictionary (HeaderDictionary does the same), a missing name throws.
    StringValues IDictionary<string, StringValues>.this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The handshake has no header '{key}'.");
        set => throw ReadOnly();
    }

    public bool Contains(KeyValuePair<string, StringValues> item) =>
        TryGetValue(item.Key, out var value) && StringValues.Equals(value, item.Value);

    public void CopyTo(KeyValuePair<string, StringValues>[] array, int arrayIndex) => Entries.CopyTo(array, arrayIndex);

    public void Add(string key, StringValues value) => throw ReadOnly();

    public void Add(KeyValuePair<string, StringValues> item) => throw ReadOnly();

    public bool Remove(string key) => throw ReadOnly();

    public bool Remove(KeyValuePair<string, StringValues> item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("The handshake's headers are a read-only copy of the request's.");
}
