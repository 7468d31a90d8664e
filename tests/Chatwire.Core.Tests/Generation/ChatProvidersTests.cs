using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatwire.Core.Tests.Generation;

public sealed class ChatProvidersTests
{
    private static ChatProviders Providers(IChatClient thirdParty, params string[] fallback) => new(
        new Dictionary<string, IChatClient> { ["offline"] = new OfflineResponder(), ["third-party"] = thirdParty },
        Options.Create(new GenerationOptions { Fallback = [.. fallback] }),
        NullLogger<FallbackChatClient>.Instance);

    [Fact]
    public async Task ForeignProviderWithoutFallbackStreamsTextThroughItsAdapter()
    {
        var foreign = new ForeignChatClient(new ChatResponseUpdate(ChatRole.Assistant, "Hi"), new ChatResponseUpdate(ChatRole.Assistant, " there"));

        var client = Providers(foreign).For(new ModelDefinition { Name = "third-model", Provider = "third-party" });

        var text = new List<string>();
        await foreach (var piece in client.GetStreamingTextAsync([new ChatMessage(ChatRole.User, "Hello")]).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            text.Add(piece.Text);
        }

        Assert.Equal(["Hi", " there"], text);
    }

    [Fact]
    public void ModelWithFallbackGetsAChainAndOneWithoutGetsItsProvider()
    {
        var providers = Providers(new ForeignChatClient(), "offline");

        Assert.IsType<FallbackChatClient>(providers.For(new ModelDefinition { Name = "third-model", Provider = "third-party" }));
        Assert.IsType<OfflineResponder>(providers.For(new ModelDefinition { Name = "chatwire-offline", Provider = "offline" }));
    }
}
