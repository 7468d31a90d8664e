using System.Net.WebSockets;
using Chatwire.Server.Tests.Support;
using Npgsql;

namespace Chatwire.Server.Tests.ScaleOut;

[Collection(PostgresCollection.Name)]
public sealed class DatabaseOutageTests(PostgresCluster cluster)
{
    [Fact]
    public async Task ControlChannelOpenedWhileTheDatabaseIsDownSaysSoAndWorksAfterwards()
    {
        var database = await cluster.CreateDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await using var node = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["Database:ConnectionString"] = database,
            ["Bus:Provider"] = "PostgreSQL",
        });
        var token = Tokens.For(node, "outage");

        await PostgresCluster.ExecuteAsync(cluster.AdminConnectionString, $"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
        await PostgresCluster.ExecuteAsync(cluster.AdminConnectionString, $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{name}'");
        NpgsqlConnection.ClearAllPools();
        try
        {
            var client = await ControlClient.ConnectAsync(node, "outage", token);
            await using (client)
            {
                Assert.Equal("PROCESSING_ERROR", (await client.NextAsync("error")).Str("code"));
                await client.WaitClosedAsync();
                Assert.Equal(WebSocketCloseStatus.InternalServerError, client.CloseStatus);
            }
        }
        finally
        {
            await PostgresCluster.ExecuteAsync(cluster.AdminConnectionString, $"ALTER DATABASE {name} ALLOW_CONNECTIONS true");
        }

        var (again, connected) = await ControlClient.OpenAsync(node, "outage", token);
        await using (again)
        {
            Assert.Equal(0, connected.GetProperty("cursor").GetInt64());
            await again.SendAsync(new { type = "message", chat_id = "after-outage", content = "Back online" });
            Assert.Equal("Back online", (await again.NextAsync("message_created")).GetProperty("message").Str("content"));
        }
    }
}
