using System.Collections;
using Microsoft.Extensions.Primitives;

namespace Chatwire.SocketIo;

/// <summary>
/// A read-only copy of the names and values of the request that opened a session, kept as one array
/// of pairs and searched in order. A session keeps its handshake for its whole life; a dictionary per
/// collection (buckets, entries sized for growth, the dictionary itself) was about 0.3 KB of every
/// idle session, and a handshake holds a handful of names (docs/benchmarks.md).
/// </summary>
internal abstract class HandshakeValues(KeyValuePair<string, StringValues>[] entries) : IEnumerable<KeyValuePair<string, StringValues>>
{
    public int Count => entries.Length;

    /// <summary>A new array on each read: the names are kept only as part of the pairs.</summary>
    public ICollection<string> Keys => Array.ConvertAll(entries, static entry => entry.Key);

    /// <summary>The values of a name, or no value when the request did not have it (as a request's own collections answer).</summary>
    public StringValues this[string key] => TryGetValue(key, out var value) ? value : StringValues.Empty;

    /// <summary>How names compare: header names ignore case, query keys do not.</summary>
    protected abstract StringComparer Comparer { get; }

    protected KeyValuePair<string, StringValues>[] Entries => entries;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out StringValues value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? entries[index].Value : StringValues.Empty;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, StringValues>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var comparer = Comparer;
        for (var i = 0; i < entries.Length; i++)
        {
            if (comparer.Equals(entries[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }
}
