using System.Net;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Rest;

public sealed class StatusAndRestartTests
{
    [Fact]
    public async Task RootReportsNameVersionUptimeAndEndpoints()
    {
        await using var server = await ChatwireServer.StartAsync();

        var status = await (await server.GetAsync("/")).ReadJsonAsync();

        Assert.Equal("Chatwire", status.Str("name"));
        Assert.Equal("running", status.Str("status"));
        Assert.False(string.IsNullOrEmpty(status.Str("version")));
        Assert.True(status.GetProperty("uptime_seconds").GetInt64() >= 0);
        Assert.Contains("POST /api/v1/chat", status.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task HealthIsOkWhenTheDatabaseAnswers()
    {
        await using var server = await ChatwireServer.StartAsync();

        var response = await server.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.ReadJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task HealthIsUnavailableWhenTheDatabaseIsNot()
    {
        await using var server = await ChatwireServer.StartAsync();
        var database = Path.Combine(server.DataDirectory, "chatwire.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // Replace the database file with something that is not a database.
        File.Delete(database);
        await File.WriteAllTextAsync(database, "this is not a database file, it is a plain text file of some length............................");
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");

        var response = await server.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", (await response.ReadJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheChatEndpoint()
    {
        await using var server = await ChatwireServer.StartAsync();

        var document = await (await server.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/chat", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/chats/{id}/messages", out _));
    }

    [Fact]
    public async Task BrandsActiveListsTheDemoBrands()
    {
        await using var server = await ChatwireServer.StartAsync();

        var brands = await (await server.GetAsync("/brands/active")).ReadJsonAsync();

        var ids = brands.EnumerateArray().Select(b => b.Str("id")).ToList();
        Assert.Contains("techpro", ids);
        Assert.Contains("default", ids);
        Assert.All(brands.EnumerateArray(), b => Assert.False(string.IsNullOrEmpty(b.Str("name"))));
    }

    [Fact]
    public async Task RestartFindsTheHistoryIntact()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("chatwire-restart-").FullName;
        try
        {
            string sessionId, answer;
            var first = await ChatwireServer.StartAsync(dataDirectory: dataDirectory);
            try
            {
                var body = await (await first.PostJsonAsync("/api/v1/chat", new { message = "What is the warranty?", brand_id = "techpro" }, anonId: "anon-restart-01")).ReadJsonAsync();
                (sessionId, answer) = (body.Str("session_id"), body.Str("response"));
            }
            finally
            {
                await first.StopAsync();
            }

            var second = await ChatwireServer.StartAsync(dataDirectory: dataDirectory);
            try
            {
                var messages = await (await second.GetAsync($"/api/v1/chats/{sessionId}/messages", anonId: "anon-restart-01")).ReadJsonAsync();
                var items = messages.GetProperty("items").EnumerateArray().ToList();
                Assert.Equal(2, items.Count);
                Assert.Equal(answer, items[1].Str("content"));
            }
            finally
            {
                await second.StopAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
