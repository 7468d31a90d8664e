using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Chatwire.Core.Conversations;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.WsChat;

/// <summary>Connection lifetime: backlog, cancellation, keep-alive, configuration.</summary>
public sealed class WsChatLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task MessagesBeyondTheBacklogAreRefusedAsQueueFull()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["Generation:OfflineWordsPerSecond"] = "5",
            ["WsChat:QueueCapacity"] = "2",
        });
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(server, "queue-user");

        await client.SendAsync(new { type = "message", message = "What is the engine power?" });
        Assert.Equal("starting", (await client.ReceiveAsync()).Str("step"));
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(new { type = "message", message = "And the torque?" });
        }

        var frames = await client.ReceiveUntilAsync("error");
        Assert.Equal("QUEUE_FULL", frames[^1].Str("code"));
    }

    [Fact]
    public async Task ClientThatDisconnectsMidAnswerLeavesACancelledMessageWithThePartialText()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Generation:OfflineWordsPerSecond"] = "20" });
        var client = await WsChatClient.ConnectAuthenticatedAsync(server, "leaver");

        await client.SendAsync(new { type = "message", message = "What is the engine power?", session_id = "leaver-1" });
        string partial = "";
        for (var tokens = 0; tokens < 3;)
        {
            var frame = await client.ReceiveAsync();
            if (frame.Str("type") == "token")
            {
                tokens++;
                partial = frame.Str("partial_response");
            }
        }

        client.Socket.Abort();
        client.Socket.Dispose();

        var assistant = await StoreWaits.FinalAnswerAsync(server.Services.GetRequiredService<IChatStore>(), "leaver-1");
        Assert.Equal(MessageStatus.Cancelled, assistant.Status);
        Assert.StartsWith(partial, assistant.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("4,500 rpm", assistant.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientThatDisconnectsMidAnswerCancelsTheUpstreamRequest()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        upstream.Words = [.. Enumerable.Range(0, 200).Select(i => $" word{i}")];
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(50);
        await using var server = await ChatwireServer.StartAsync(upstream.UpstreamModelSettings());
        var client = await WsChatClient.ConnectAuthenticatedAsync(server, "leaver2");

        await client.SendAsync(new { type = "message", message = "What is the engine power?", model = "upstream-model", session_id = "leaver-2" });
        await client.ReceiveUntilAsync("token");
        await client.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        await upstream.ClientAborted.Task.WaitAsync(Timeout);
        Assert.True(upstream.ChunksWritten < 200);
        var assistant = await StoreWaits.FinalAnswerAsync(server.Services.GetRequiredService<IChatStore>(), "leaver-2");
        Assert.Equal(MessageStatus.Cancelled, assistant.Status);
        Assert.StartsWith(" word0", assistant.Content, StringComparison.Ordinal);
        client.Socket.Dispose();
    }

    [Fact]
    public async Task ServerPingsIdleConnectionsAndDropsOnesThatNeverAnswer()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            ["WsChat:KeepAliveInterval"] = "00:00:00.300",
            ["WsChat:KeepAliveTimeout"] = "00:00:00.700",
        });

        // A raw TCP client that completes the upgrade and then never answers a ping: a dead peer.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var handshake = $"GET /ws/chat HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake));

        using var timeout = new CancellationTokenSource(Timeout);
        var received = new List<byte>();
        var buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the server: dropped as dead, which is the point.
        }

        // The connection ended (closed or reset) well before the test's own timeout.
        var text = Encoding.ASCII.GetString([.. received]);
        Assert.StartsWith("HTTP/1.1 101", text, StringComparison.Ordinal);
        var frames = received.Skip(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4).ToArray();
        Assert.Equal(0x89, frames[0]); // FIN + opcode 9: a ping.
    }

    [Fact]
    public async Task AnsweringClientsStayConnectedThroughKeepAlive()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?>
        {
            // A second for each pong, so a busy machine cannot make an answering client look dead;
            // one that never answered would still be dropped well inside the two seconds below.
            ["WsChat:KeepAliveInterval"] = "00:00:00.200",
            ["WsChat:KeepAliveTimeout"] = "00:00:01",
        });
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(server, "steady");

        // ClientWebSocket answers pings while a receive is pending; the ping frame after idle time proves the socket lived.
        var receive = client.ReceiveAsync();
        await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(2)));
        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await receive).Str("type"));
    }

    [Fact]
    public async Task DefaultBrandIsConfigurable()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["WsChat:DefaultBrand"] = "techpro" });
        await using var client = await WsChatClient.ConnectAuthenticatedAsync(server, "brand-user");

        await client.SendAsync(new { type = "message", message = "What is the warranty?" });
        var complete = (await client.ReceiveUntilAsync("complete"))[^1];

        var conversation = await server.Services.GetRequiredService<IChatStore>().FindConversationAsync(complete.Str("session_id"), CancellationToken.None);
        Assert.Equal("techpro", conversation!.BrandId);
    }

    [Fact]
    public async Task WithAuthNotRequiredAnUnauthenticatedConnectionChatsAnonymously()
    {
        await using var server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["WsChat:RequireAuth"] = "false" });
        await using var client = await WsChatClient.ConnectAsync(server, "?anon_id=anon-ws-000001");

        await client.SendAsync(new { type = "message", message = "What is the engine power?" });
        var complete = (await client.ReceiveUntilAsync("complete", "error"))[^1];

        Assert.Equal("complete", complete.Str("type"));
        var conversation = await server.Services.GetRequiredService<IChatStore>().FindConversationAsync(complete.Str("session_id"), CancellationToken.None);
        Assert.Equal("anon:anon-ws-000001", conversation!.OwnerKey);
    }
}
