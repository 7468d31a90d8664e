using Chatwire.Bench.Load;

namespace Chatwire.Bench.Wires;

/// <summary>One client of one wire: it connects (and authenticates) once, then asks and streams answers.</summary>
public interface IWireSession : IAsyncDisposable
{
    /// <summary>Opens and authenticates; returns once the server has said the session is ready.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends the question and returns when the answer is complete; a refusal throws <see cref="WireException"/>.</summary>
    Task RunTurnAsync(TurnRecorder recorder, CancellationToken cancellationToken);
}
