using Chatwire.Core.Turns;

namespace Chatwire.Core.Usage;

/// <summary>
/// Anonymous visitors get a daily message quota. The message is counted when the turn is admitted
/// (one guarded database update), so concurrent turns cannot get past the limit together.
/// </summary>
public sealed class AnonymousQuotaPolicy(IUsageStore store, UsageAccounts accounts) : ITurnPolicy
{
    public async ValueTask<TurnRejection?> AdmitAsync(TurnAdmission turn, CancellationToken cancellationToken)
    {
        if (!turn.Identity.IsAnonymous)
        {
            return null;
        }

        var limit = accounts.Options.AnonymousDailyMessages;
        var counted = await store.TryCountAnonymousMessageAsync(turn.Identity.Id, accounts.Today, limit, cancellationToken);
        return counted is null
            ? new TurnRejection(ErrorCodes.AnonLimitReached,
                $"You have used your {limit} free messages for today. Sign in to continue, or come back after {accounts.ResetsAt:yyyy-MM-dd HH:mm} UTC.")
            : null;
    }

    public async ValueTask<UsageSnapshot?> SettleAsync(TurnSettlement turn, CancellationToken cancellationToken) =>
        turn.Identity.IsAnonymous
            ? accounts.Anonymous(await store.GetAnonymousMessagesAsync(turn.Identity.Id, accounts.Today, cancellationToken))
            : null;
}
