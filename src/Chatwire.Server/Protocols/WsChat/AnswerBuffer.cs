using System.Buffers;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>
/// The answer so far of the turn being streamed, so each token frame's <c>partial_response</c> is
/// written from it without building a string per token. The array is rented on the first piece
/// and returned by <see cref="Clear"/>, so an idle connection holds none (2 KB each otherwise).
/// </summary>
internal sealed class AnswerBuffer : IDisposable
{
    // Not ArrayPool.Shared: its per-thread and per-core caches hold a few arrays of a size, and a
    // thousand answers streaming at once each hold one, so most rents were new arrays, a couple of
    // KB per answer (docs/benchmarks.md, allocations). This pool keeps up to a thousand per size.
    private static readonly ArrayPool<char> Pool = ArrayPool<char>.Create(maxArrayLength: 1024 * 1024, maxArraysPerBucket: 1024);

    private char[] _chars = [];
    private int _length;

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    public void Clear()
    {
        if (_chars.Length > 0)
        {
            Pool.Return(_chars);
            _chars = [];
        }

        _length = 0;
    }

    public void Append(string piece)
    {
        if (_length + piece.Length > _chars.Length)
        {
            var larger = Pool.Rent(Math.Max(Math.Max(1024, _chars.Length * 2), _length + piece.Length));
            Text.CopyTo(larger);
            if (_chars.Length > 0)
            {
                Pool.Return(_chars);
            }

            _chars = larger;
        }

        piece.CopyTo(_chars.AsSpan(_length));
        _length += piece.Length;
    }

    public void Dispose() => Clear();
}
