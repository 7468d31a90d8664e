using System.Collections;

namespace Chatwire.SocketIo;

/// <summary>
/// A socket's application data (<see cref="SocketIoSocket.Items"/>): a few entries, usually set while
/// connecting and read on every event, kept for the connection's whole life. They live in an array of
/// exactly that many pairs that is never changed once published: a change publishes a new array, so
/// reads take no lock and see one moment's entries, as with a concurrent dictionary, which was about
/// 0.25 KB of every socket with one entry (docs/benchmarks.md). Keys compare exactly.
/// </summary>
internal sealed class SocketItems : IDictionary<string, object?>
{
    private KeyValuePair<string, object?>[] _entries = [];

    public int Count => Entries.Length;

    public bool IsReadOnly => false;

    public ICollection<string> Keys => Array.ConvertAll(Entries, static entry => entry.Key);

    public ICollection<object?> Values => Array.ConvertAll(Entries, static entry => entry.Value);

    private KeyValuePair<string, object?>[] Entries => Volatile.Read(ref _entries);

    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The socket has no item '{key}'.");
        set => Write(key, value, replace: true);
    }

    public bool TryGetValue(string key, out object? value)
    {
        var entries = Entries;
        var index = IndexOf(entries, key);
        value = index >= 0 ? entries[index].Value : null;
        return index >= 0;
    }

    public bool ContainsKey(string key) => IndexOf(Entries, key) >= 0;

    public bool Contains(KeyValuePair<string, object?> item) =>
        TryGetValue(item.Key, out var value) && EqualityComparer<object?>.Default.Equals(value, item.Value);

    public void Add(string key, object? value)
    {
        if (!Write(key, value, replace: false))
        {
            throw new ArgumentException($"The socket already has an item '{key}'.", nameof(key));
        }
    }

    public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    public bool Remove(string key) => Change(entries => IndexOf(entries, key) is var index and >= 0 ? Without(entries, index) : null);

    public bool Remove(KeyValuePair<string, object?> item) =>
        Change(entries => IndexOf(entries, item.Key) is var index and >= 0 && EqualityComparer<object?>.Default.Equals(entries[index].Value, item.Value)
            ? Without(entries, index)
            : null);

    public void Clear() => Volatile.Write(ref _entries, []);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => Entries.CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sets <paramref name="key"/>; false, changing nothing, when it is there and <paramref name="replace"/> is false.</summary>
    private bool Write(string key, object? value, bool replace) => Change(entries =>
    {
        var index = IndexOf(entries, key);
        if (index < 0)
        {
            return [.. entries, new(key, value)];
        }

        if (!replace)
        {
            return null;
        }

        var changed = (KeyValuePair<string, object?>[])entries.Clone();
        changed[index] = new(key, value);
        return changed;
    });

    /// <summary>Publishes what <paramref name="change"/> makes of the current entries, retrying if another change came first; false when it makes nothing (null).</summary>
    private bool Change(Func<KeyValuePair<string, object?>[], KeyValuePair<string, object?>[]?> change)
    {
        while (true)
        {
            var current = Entries;
            if (change(current) is not { } changed)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _entries, changed, current) == current)
            {
                return true;
            }
        }
    }

    private static KeyValuePair<string, object?>[] Without(KeyValuePair<string, object?>[] entries, int index) =>
        [.. entries[..index], .. entries[(index + 1)..]];

    private static int IndexOf(KeyValuePair<string, object?>[] entries, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
