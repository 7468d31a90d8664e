using System.Diagnostics.CodeAnalysis;
using Chatwire.SocketIo.EngineIo.Protocol;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// What a session has queued for its client, up to a capacity; a full queue means the client stopped
/// reading. A poll waits for the first message (<see cref="WaitToReadAsync"/>); a WebSocket transport
/// attaches as the reader and is told as each message arrives, so an idle WebSocket session has
/// nothing waiting on the queue (a channel's waiting reader, its loop and their async state were
/// about a kilobyte per idle session; docs/benchmarks.md).
/// </summary>
internal sealed class OutboundQueue(int capacity)
{
    private static readonly Task<bool> HasMessages = Task.FromResult(true);
    private static readonly Task<bool> Ended = Task.FromResult(false);

    private readonly Queue<OutboundMessage> _messages = new();
    private TaskCompletionSource<bool>? _waiting;
    private IOutboundReader? _reader;
    private bool _completed;

    /// <summary>True once <see cref="Complete"/> was called: nothing more will be queued.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_messages)
            {
                return _completed;
            }
        }
    }

    /// <summary>True while messages wait, or the queue is completed and empty: there is something for a reader to do.</summary>
    public bool HasWork
    {
        get
        {
            lock (_messages)
            {
                return _messages.Count > 0 || _completed;
            }
        }
    }

    /// <summary>Queues a message; false when the queue is full or completed.</summary>
    public bool TryWrite(OutboundMessage message)
    {
        TaskCompletionSource<bool>? waiting;
        IOutboundReader? reader;
        lock (_messages)
        {
            if (_completed || _messages.Count >= capacity)
            {
                return false;
            }

            _messages.Enqueue(message);
            (waiting, _waiting, reader) = (_waiting, null, _reader);
        }

        // Outside the lock: the reader may start sending on this thread.
        waiting?.TrySetResult(true);
        reader?.OnOutboundWork();
        return true;
    }

    public bool TryRead([MaybeNullWhen(false)] out OutboundMessage message)
    {
        lock (_messages)
        {
            return _messages.TryDequeue(out message);
        }
    }

    /// <summary>True when a message waits (at once if one does), false once the queue is completed and empty.</summary>
    public Task<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiting;
        lock (_messages)
        {
            if (_messages.Count > 0)
            {
                return HasMessages;
            }

            if (_completed)
            {
                return Ended;
            }

            waiting = _waiting ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return waiting.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Accepts nothing more; what is queued can still be read.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? waiting;
        IOutboundReader? reader;
        lock (_messages)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            (waiting, _waiting, reader) = (_waiting, null, _reader);
        }

        waiting?.TrySetResult(false);
        reader?.OnOutboundCompleted();
    }

    /// <summary>
    /// Makes <paramref name="reader"/> the one told of new work from now on, and tells it at once if
    /// there is some or the queue is already completed.
    /// </summary>
    public void Attach(IOutboundReader reader)
    {
        bool completed, hasMessages;
        lock (_messages)
        {
            _reader = reader;
            (completed, hasMessages) = (_completed, _messages.Count > 0);
        }

        if (completed)
        {
            reader.OnOutboundCompleted();
        }
        else if (hasMessages)
        {
            reader.OnOutboundWork();
        }
    }
}

/// <summary>A transport that sends a session's queue as messages arrive.</summary>
internal interface IOutboundReader
{
    /// <summary>
    /// A message was queued. Called on the writer's thread, possibly while the reader is already
    /// sending: it must start reading only if it is not.
    /// </summary>
    void OnOutboundWork();

    /// <summary>
    /// The queue was completed (the session closed): what is still queued goes out, then the end.
    /// Called once, on the completing thread, or on <see cref="OutboundQueue.Attach"/> if it already was.
    /// </summary>
    void OnOutboundCompleted();
}
