using Microsoft.Extensions.Logging;
using Chatwire.Core.Turns;
using Chatwire.Core.Usage;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Engine;

/// <summary>The fallback chain: a provider that fails before its first token is replaced by the next.</summary>
public sealed class FallbackTests
{
    private static TurnRequest Ask(string model) => new()
    {
        Identity = ChatIdentity.Anonymous("fallback-test-01"),
        Message = "What is the engine power?",
        Model = model,
        BrandId = "meridian",
        Wire = "test",
    };

    [Fact]
    public async Task FailingPrimaryFallsBackToTheNextUpstream()
    {
        await using var primary = await FakeOpenAiServer.StartAsync();
        await using var backup = await FakeOpenAiServer.StartAsync();
        primary.FailBeforeStreaming = true;
        backup.Words = ["Backup", " answer."];
        var logs = new CapturedLogs();
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Generation:Providers:primary:BaseUrl"] = primary.BaseUrl,
            ["Generation:Providers:backup:BaseUrl"] = backup.BaseUrl,
            ["Generation:Models:1:Name"] = "primary-model",
            ["Generation:Models:1:Provider"] = "primary",
            ["Generation:Fallback:0"] = "backup",
            ["Generation:Fallback:1"] = "offline",
        }, configure: builder => builder.Logging.AddProvider(logs));

        var completed = await CompleteAsync(server, "primary-model");

        Assert.Equal("Backup answer.", completed.Result.Text);
        Assert.Single(primary.Requests);
        Assert.Single(backup.Requests);

        // The client never sees the primary's failure, so the operator must find it in the log.
        var warning = Assert.Single(logs.Entries, e => e.Category.EndsWith(nameof(Chatwire.Core.Generation.FallbackChatClient), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.NotNull(warning.Exception);
    }

    [Fact]
    public async Task OfflineResponderIsTheLastResort()
    {
        await using var primary = await FakeOpenAiServer.StartAsync();
        primary.FailBeforeStreaming = true;
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Generation:Providers:primary:BaseUrl"] = primary.BaseUrl,
            ["Generation:Models:1:Name"] = "primary-model",
            ["Generation:Models:1:Provider"] = "primary",
            ["Generation:Fallback:0"] = "offline",
        });

        var completed = await CompleteAsync(server, "primary-model");

        Assert.Contains("spec-sheet.md", completed.Result.Sources);
        Assert.False(string.IsNullOrWhiteSpace(completed.Result.Text));
        Assert.DoesNotContain("upstream", completed.Result.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<TurnCompleted> CompleteAsync(ChatwireServer server, string model)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<ChatEvent>();
        await foreach (var chatEvent in server.Services.GetRequiredService<ChatEngine>().RunAsync(Ask(model), timeout.Token))
        {
            events.Add(chatEvent);
        }

        return Assert.IsType<TurnCompleted>(events.Last(e => e is not UsageChanged));
    }
}
