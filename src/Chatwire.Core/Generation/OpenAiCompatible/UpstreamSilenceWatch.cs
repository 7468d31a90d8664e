using System.Diagnostics;

namespace Chatwire.Core.Generation.OpenAiCompatible;

/// <summary>
/// A token that is cancelled once the upstream has kept its caller waiting for the timeout in a
/// single wait. Only the waits count: time the caller spends with a piece in hand (storing the
/// question, a client slow to read) is not the upstream's silence.
/// </summary>
/// <remarks>
/// One timer per answer that checks when it fires instead of being re-armed on every chunk: marking
/// a wait costs a timestamp, where re-arming a timer is a timer-queue lock per token.
/// </remarks>
internal sealed class UpstreamSilenceWatch : IDisposable
{
    private const long NotWaiting = 0;

    private readonly CancellationTokenSource _expired;
    private readonly ITimer _timer;
    private readonly TimeSpan _timeout;
    private long _waitingSince;

    /// <summary>Starts watching in a wait: the first one is for the request's answer.</summary>
    public UpstreamSilenceWatch(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _timeout = timeout;
        _expired = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _waitingSince = Stopwatch.GetTimestamp();
        _timer = TimeProvider.System.CreateTimer(static watch => ((UpstreamSilenceWatch)watch!).Check(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when the caller cancels, or when one wait has lasted the timeout.</summary>
    public CancellationToken Token => _expired.Token;

    /// <summary>The caller is about to wait for the upstream.</summary>
    public void Waiting() => Volatile.Write(ref _waitingSince, Stopwatch.GetTimestamp());

    /// <summary>The upstream has answered; the clock stops until the next <see cref="Waiting"/>.</summary>
    public void Answered() => Volatile.Write(ref _waitingSince, NotWaiting);

    private void Check()
    {
        var since = Volatile.Read(ref _waitingSince);
        var waited = since == NotWaiting ? TimeSpan.Zero : Stopwatch.GetElapsedTime(since);
        if (waited >= _timeout)
        {
            try
            {
                _expired.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The answer ended while the timer fired; there is nothing left to cancel.
            }

            return;
        }

        // Returns false once disposed: the answer is over and nothing is left to watch.
        _timer.Change(_timeout - waited, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _expired.Dispose();
    }
}
