namespace Chatwire.Core.Turns;

/// <summary>Why a request was refused before anything was stored.</summary>
public sealed record TurnRejection(string Code, string Message)
{
    public TimeSpan? RetryAfter { get; init; }
}
