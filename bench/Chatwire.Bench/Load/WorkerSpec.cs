namespace Chatwire.Bench.Load;

/// <summary>The share of a run one loader process drives; sent as JSON to a worker process.</summary>
public sealed class WorkerSpec
{
    public required string Wire { get; init; }

    public required string BaseUri { get; init; }

    public required int Connections { get; init; }

    /// <summary>Index of this share's first user, so users are distinct across processes.</summary>
    public int FirstUser { get; init; }

    public required string SigningKey { get; init; }

    public required string UserPrefix { get; init; }

    public required string Message { get; init; }

    public string BrandId { get; init; } = "meridian";

    public int Sources { get; init; } = 4;

    public double KeepAliveSeconds { get; init; } = 30;

    public int ConnectParallelism { get; init; } = 200;

    public WorkerSpec Share(int connections, int firstUser) => new()
    {
        Wire = Wire,
        BaseUri = BaseUri,
        Connections = connections,
        FirstUser = firstUser,
        SigningKey = SigningKey,
        UserPrefix = UserPrefix,
        Message = Message,
        BrandId = BrandId,
        Sources = Sources,
        KeepAliveSeconds = KeepAliveSeconds,
        ConnectParallelism = ConnectParallelism,
    };
}
