using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Chatwire.Bench.Load;

namespace Chatwire.Bench.Wires;

/// <summary>
/// A WebSocket client: one receive loop classifies frames (<see cref="Classify"/>) and completes
/// the connect handshake or the running turn. It waits in zero-byte reads, so an idle client holds
/// no receive buffer and thousands of them fit in one loader process.
/// </summary>
public abstract class WebSocketSession(WireContext context) : IWireSession
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _turn;
    private TurnRecorder? _recorder;
    private Task? _receiving;

    protected WireContext Context { get; } = context;

    /// <summary>Where to connect (with the token in the query where the wire takes it there).</summary>
    protected abstract Uri Address { get; }

    /// <summary>The frame that asks the question.</summary>
    protected abstract string QuestionFrame { get; }

    /// <summary>What a text frame means; called on the receive loop.</summary>
    protected abstract FrameAction Classify(ReadOnlySpan<byte> frame);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = Context.KeepAlive;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Context.ConnectTimeout);
        await _socket.ConnectAsync(Address, Context.Connector.Invoker, timeout.Token);
        _receiving = ReceiveLoopAsync();
        await _ready.Task.WaitAsync(timeout.Token);
    }

    public async Task RunTurnAsync(TurnRecorder recorder, CancellationToken cancellationToken)
    {
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _recorder = recorder;
        Volatile.Write(ref _turn, turn);
        recorder.Sent();
        await SendAsync(QuestionFrame, cancellationToken);
        await turn.Task.WaitAsync(Context.TurnTimeout, cancellationToken);
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var reason = "connection closed by the server";
        try
        {
            while (true)
            {
                // Wait for data without a buffer; rent one only while a message is being read.
                var peek = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var action = await ReadMessageAsync(peek.EndOfMessage);
                if (action is not { } frame)
                {
                    return;
                }

                await ActAsync(frame);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            reason = "connection lost: " + exception.GetType().Name;
        }
        finally
        {
            var closed = new WireException(reason);
            _ready.TrySetException(closed);
            Volatile.Read(ref _turn)?.TrySetException(closed);
        }
    }

    private async ValueTask<FrameAction?> ReadMessageAsync(bool empty)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        var length = 0;
        try
        {
            while (!empty)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += read.Count;
                if (read.EndOfMessage)
                {
                    break;
                }
            }

            return Classify(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask ActAsync(FrameAction frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Ready:
                _ready.TrySetResult();
                break;
            case FrameKind.Token:
                _recorder?.Token();
                break;
            case FrameKind.Done:
                Volatile.Read(ref _turn)?.TrySetResult();
                break;
            case FrameKind.Error:
                var error = new WireException(frame.Detail ?? "error frame");
                if (!_ready.Task.IsCompleted)
                {
                    _ready.TrySetException(error);
                }

                Volatile.Read(ref _turn)?.TrySetException(error);
                break;
            case FrameKind.Reply:
                await SendAsync(frame.Reply!, CancellationToken.None);
                break;
        }
    }

    /// <summary>The first bytes of a frame, for error messages.</summary>
    protected static string Excerpt(ReadOnlySpan<byte> frame) => Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, 120)]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Closing is best effort: the server may already be gone.
        }

        _socket.Abort();
        _socket.Dispose();
        if (_receiving is not null)
        {
            await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _sendGate.Dispose();
        GC.SuppressFinalize(this);
    }
}
