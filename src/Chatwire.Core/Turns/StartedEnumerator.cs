namespace Chatwire.Core.Turns;

/// <summary>
/// An async enumerator whose first <c>MoveNextAsync</c> is called at construction, so the work
/// behind the first item (an upstream request and its first token) runs while the caller does
/// something else; the first <see cref="MoveNextAsync"/> then awaits that call instead of making it.
/// </summary>
internal sealed class StartedEnumerator<T> : IAsyncEnumerator<T>
{
    private readonly IAsyncEnumerator<T> _inner;
    private Task<bool>? _first;
    private bool _disposed;

    public StartedEnumerator(IAsyncEnumerator<T> inner)
    {
        _inner = inner;
        try
        {
            _first = inner.MoveNextAsync().AsTask();
        }
        catch (Exception exception)
        {
            _first = Task.FromException<bool>(exception);
        }
    }

    public T Current => _inner.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        if (_first is { } first)
        {
            _first = null;
            return new ValueTask<bool>(first);
        }

        return _inner.MoveNextAsync();
    }

    /// <summary>Idempotent: the engine disposes on every way out of a turn, some of them twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_first is { } first)
        {
            // Never awaited by the caller (the turn ended before it began): let the call finish
            // before tearing the enumerator down under it, and observe its failure.
            _first = null;
            try
            {
                await first;
            }
            catch (Exception)
            {
                // The caller cancelled it or has already moved on; there is nobody to tell.
            }
        }

        await _inner.DisposeAsync();
    }
}
