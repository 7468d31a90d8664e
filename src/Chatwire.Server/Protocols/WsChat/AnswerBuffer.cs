using System.Buffers;

namespace Chatwire.Server.Protocols.WsChat;

/// <summary>
/// The answer so far of the turn being streamed, reused across a connection's turns, so each
/// token frame's <c>partial_response</c> is written from it without building a string per token.
/// </summary>
internal sealed class AnswerBuffer : IDisposable
{
    private char[] _chars = ArrayPool<char>.Shared.Rent(1024);
    private int _length;

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Append(string piece)
    {
        if (_length + piece.Length > _chars.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + piece.Length));
            Text.CopyTo(larger);
            ArrayPool<char>.Shared.Return(_chars);
            _chars = larger;
        }

        piece.CopyTo(_chars.AsSpan(_length));
        _length += piece.Length;
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
        _length = 0;
    }
}
