namespace Chatwire.Core.Generation.Offline;

/// <summary>How the offline responder streams.</summary>
public sealed class OfflineResponderOptions
{
    /// <summary>
    /// Streaming pace, so the offline answer "types" like a model would. 0 streams as fast as
    /// possible with no delay at all (tests use 0).
    /// </summary>
    public double WordsPerSecond { get; set; } = 40;

    /// <summary>The model id reported on updates when the request names none.</summary>
    public string ModelId { get; set; } = "chatwire-offline";
}
