using System.Net.WebSockets;
using Chatwire.Core.Conversations;
using Chatwire.Server.Tests.Support;
using Chatwire.Server.Tests.WsChat;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.BrandChat;

/// <summary>The seed-004 wire's connection lifecycle; its frames are tested with seed 004's own client in tests/clients.</summary>
public sealed class BrandChatLifecycleTests
{
    [Fact]
    public async Task ClientThatDisconnectsMidAnswerLeavesACancelledMessageWithThePartialText()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Generation:OfflineWordsPerSecond"] = "20" });
        await using var client = await WsChatClient.ConnectToAsync(server, "/ws/chat/techpro");
        Assert.Equal("welcome", (await client.ReceiveAsync()).Str("type"));

        await client.SendAsync(new { type = "chat", data = new { message = "I need a laptop for business work" } });
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();
        Assert.Equal(("chunk", "chunk"), (first.Str("type"), second.Str("type")));
        client.Socket.Abort();

        var conversationId = first.GetProperty("data").Str("conversation_id");
        var answer = await StoreWaits.FinalAnswerAsync(server.Services.GetRequiredService<IChatStore>(), conversationId);
        Assert.Equal(MessageStatus.Cancelled, answer.Status);
        Assert.StartsWith(first.GetProperty("data").Str("content") + second.GetProperty("data").Str("content"), answer.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameOverTheLimitClosesWithMessageTooBig()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["BrandChat:MaxFrameBytes"] = "1024" });
        await using var client = await WsChatClient.ConnectToAsync(server, "/ws/chat/techpro");
        await client.ReceiveAsync();

        await client.SendTextAsync("{\"type\":\"chat\",\"data\":{\"message\":\"" + new string('a', 2000) + "\"}}");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var result = await client.Socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task PageFromAnotherSiteIsRefused()
    {
        await using var server = await ChatwireServer.StartAsync();

        var refused = await Assert.ThrowsAsync<WebSocketException>(() =>
            WsChatClient.ConnectToAsync(server, "/ws/chat/techpro", o => o.SetRequestHeader("Origin", "https://evil.example")));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }
}
