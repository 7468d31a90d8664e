namespace Chatwire.Core.Usage;

/// <summary>
/// The storage port for quotas and credits. They live in the database, not in process memory,
/// so that several nodes on one database share them; every change is one atomic, guarded update
/// so concurrent turns cannot spend what is not there.
/// </summary>
public interface IUsageStore
{
    /// <summary>
    /// Counts one message against an anonymous visitor's quota for <paramref name="day"/> if fewer
    /// than <paramref name="limit"/> were sent that day. Returns the count after it, or null when spent.
    /// </summary>
    Task<int?> TryCountAnonymousMessageAsync(string anonId, DateOnly day, int limit, CancellationToken cancellationToken);

    /// <summary>Messages an anonymous visitor sent on <paramref name="day"/>.</summary>
    Task<int> GetAnonymousMessagesAsync(string anonId, DateOnly day, CancellationToken cancellationToken);

    /// <summary>A user's balance; the account is opened with <paramref name="startingBalance"/> the first time.</summary>
    Task<decimal> GetBalanceAsync(string userId, decimal startingBalance, CancellationToken cancellationToken);

    /// <summary>
    /// Charges a turn's price once per assistant message (a second charge for the same message is
    /// ignored) without taking the balance below zero. Returns the balance after it.
    /// </summary>
    Task<decimal> ChargeAsync(string userId, string messageId, decimal amount, decimal startingBalance, CancellationToken cancellationToken);

    /// <summary>Adds credits to a user's account, opening it first if needed. Returns the balance after it.</summary>
    Task<decimal> GrantAsync(string userId, decimal amount, decimal startingBalance, CancellationToken cancellationToken);
}
