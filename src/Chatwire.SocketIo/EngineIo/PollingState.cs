using System.Diagnostics.CodeAnalysis;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// Long-polling bookkeeping of a session: at most one GET and one POST at a time
/// (engine.io-protocol v4, "Sending data" / "Receiving data"), and the upgrade in progress.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The token source has no timer or links, so it holds nothing to release; disposing it would race with polls reading its token.")]
internal sealed class PollingState
{
    private readonly CancellationTokenSource _upgradeStarted = new();
    private int _getActive;
    private int _postActive;

    /// <summary>Cancelled when the WebSocket probe arrives, so a waiting GET answers "noop".</summary>
    public CancellationToken UpgradeStarted => _upgradeStarted.Token;

    public bool IsUpgrading => _upgradeStarted.IsCancellationRequested;

    /// <summary>True while a GET waits for packets.</summary>
    public bool HasPendingGet => Volatile.Read(ref _getActive) != 0;

    public bool TryBeginGet() => Interlocked.Exchange(ref _getActive, 1) == 0;

    public void EndGet() => Volatile.Write(ref _getActive, 0);

    public bool TryBeginPost() => Interlocked.Exchange(ref _postActive, 1) == 0;

    public void EndPost() => Volatile.Write(ref _postActive, 0);

    public void BeginUpgrade() => _upgradeStarted.Cancel();
}
