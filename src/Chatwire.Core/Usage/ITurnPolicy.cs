using Chatwire.Core.Turns;

namespace Chatwire.Core.Usage;

/// <summary>
/// A rule every turn passes through, whatever the wire: rate limits, quotas, balances.
/// Admission runs before anything is stored; settlement runs exactly once after an admitted turn
/// ends (complete, cancelled or failed).
/// </summary>
public interface ITurnPolicy
{
    /// <summary>Null to let the turn in; a rejection to refuse it with nothing written.</summary>
    ValueTask<TurnRejection?> AdmitAsync(TurnAdmission turn, CancellationToken cancellationToken);

    /// <summary>Charges what the turn used; returns the caller's usage when it changed.</summary>
    ValueTask<UsageSnapshot?> SettleAsync(TurnSettlement turn, CancellationToken cancellationToken);
}

/// <summary>What a policy knows about a turn asking to start.</summary>
public sealed record TurnAdmission(ChatIdentity Identity, string Model, string Wire);

/// <summary>What a policy knows about a turn that ended.</summary>
public sealed record TurnSettlement(ChatIdentity Identity, string Model, string AssistantMessageId, TokenUsage Usage, string Outcome);
