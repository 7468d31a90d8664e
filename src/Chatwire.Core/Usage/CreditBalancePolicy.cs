using Chatwire.Core.Generation;
using Chatwire.Core.Turns;

namespace Chatwire.Core.Usage;

/// <summary>
/// Users pay for turns in credits: the tokens used at the model's configured price, charged once
/// per answer when it ends, cancelled answers included (what was generated is what is charged).
/// An empty balance refuses the turn before anything is generated.
/// </summary>
public sealed class CreditBalancePolicy(IUsageStore store, UsageAccounts accounts, ModelCatalog models) : ITurnPolicy
{
    public async ValueTask<TurnRejection?> AdmitAsync(TurnAdmission turn, CancellationToken cancellationToken)
    {
        if (turn.Identity.IsAnonymous)
        {
            return null;
        }

        var balance = await store.GetBalanceAsync(turn.Identity.Id, accounts.Options.StartingBalance, cancellationToken);
        return balance <= 0
            ? new TurnRejection(ErrorCodes.InsufficientBalance, "Your credit balance is used up. Top up your credits to continue.")
            : null;
    }

    public async ValueTask<UsageSnapshot?> SettleAsync(TurnSettlement turn, CancellationToken cancellationToken)
    {
        if (turn.Identity.IsAnonymous)
        {
            return null;
        }

        var price = models.Find(turn.Model)?.PriceOf(turn.Usage.PromptTokens, turn.Usage.CompletionTokens) ?? 0m;
        var balance = await store.ChargeAsync(turn.Identity.Id, turn.AssistantMessageId, price, accounts.Options.StartingBalance, cancellationToken);
        return UsageAccounts.User(balance, price);
    }
}
