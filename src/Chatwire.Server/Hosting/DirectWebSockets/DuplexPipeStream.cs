using System.Buffers;
using System.IO.Pipelines;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// A connection's pipes as the stream a <see cref="System.Net.WebSockets.WebSocket"/> runs over.
/// A zero-byte read waits for data without taking any of it, so a WebSocket waiting that way holds
/// no buffer. Disposing wakes a pending read or write; the connection itself stays Kestrel's to close.
/// </summary>
internal sealed class DuplexPipeStream(IDuplexPipe transport) : AsyncDuplexStream
{
    private readonly PipeReader _input = transport.Input;
    private readonly PipeWriter _output = transport.Output;
    private volatile bool _disposed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = await _input.ReadAsync(cancellationToken);
        if (result.IsCanceled)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            throw new OperationCanceledException(cancellationToken);
        }

        var received = result.Buffer;
        var count = (int)Math.Min(received.Length, buffer.Length);
        received.Slice(0, count).CopyTo(buffer.Span);

        // Consumed only what was copied, and nothing marked as examined: the next read returns the rest at once.
        _input.AdvanceTo(received.GetPosition(count));
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = await _output.WriteAsync(buffer, cancellationToken);
        if (result.IsCanceled)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            throw new OperationCanceledException(cancellationToken);
        }

        if (result.IsCompleted)
        {
            throw new IOException("The connection was closed.");
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            _input.CancelPendingRead();
            _output.CancelPendingFlush();
        }

        base.Dispose(disposing);
    }
}
