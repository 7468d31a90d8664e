using Chatwire.Storage;
using Npgsql;

namespace Chatwire.Server.Tests.Storage;

/// <summary>What Chatwire adds to a configured PostgreSQL connection string, and what it leaves as configured.</summary>
public sealed class PostgreSqlConnectionStringTests
{
    [Fact]
    public void AutomaticPreparationIsOnUnlessConfigured()
    {
        var result = new NpgsqlConnectionStringBuilder(StorageServiceCollectionExtensions.PostgreSqlConnectionString(
            "Host=db.internal;Port=6543;Database=chat;Username=app;Password=s3cret"));

        Assert.Equal(32, result.MaxAutoPrepare);
        Assert.Equal(("db.internal", 6543, "chat", "app", "s3cret"), (result.Host, result.Port, result.Database, result.Username, result.Password));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    public void ConfiguredPreparationIsKept(string configured, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(StorageServiceCollectionExtensions.PostgreSqlConnectionString(configured)).MaxAutoPrepare);
}
