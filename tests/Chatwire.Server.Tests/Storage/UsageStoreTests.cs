using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Storage;

/// <summary>The credit ledger's contract, on SQLite and on PostgreSQL alike.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UsageStoreTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task FirstChargeOpensTheAccountAndTheSameMessageIsNeverChargedTwice(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var usage = scope.Usage;

        Assert.Equal(9.5m, await usage.ChargeAsync("ann", "message-1", 0.5m, startingBalance: 10m, CancellationToken.None));
        Assert.Equal(9.5m, await usage.ChargeAsync("ann", "message-1", 0.5m, startingBalance: 10m, CancellationToken.None));
        Assert.Equal(9.25m, await usage.ChargeAsync("ann", "message-2", 0.25m, startingBalance: 10m, CancellationToken.None));
        Assert.Equal(9.25m, await usage.GetBalanceAsync("ann", startingBalance: 10m, CancellationToken.None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task ChargeBeyondTheBalanceEndsAtZeroAndAGrantStartsFromThere(string provider)
    {
        await using var scope = await StoreScope.CreateAsync(provider, cluster);
        var usage = scope.Usage;

        Assert.Equal(2m, await usage.GetBalanceAsync("bob", startingBalance: 2m, CancellationToken.None));
        Assert.Equal(0m, await usage.ChargeAsync("bob", "message-1", 3m, startingBalance: 2m, CancellationToken.None));
        Assert.Equal(5m, await usage.GrantAsync("bob", 5m, startingBalance: 2m, CancellationToken.None));
        Assert.Equal(5m, await usage.GetBalanceAsync("bob", startingBalance: 2m, CancellationToken.None));
    }
}
