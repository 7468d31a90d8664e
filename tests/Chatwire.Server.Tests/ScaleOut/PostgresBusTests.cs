using System.Collections.Concurrent;
using Chatwire.Core.Notifications;
using Chatwire.Core.Usage;
using Chatwire.Server.Tests.Support;
using Chatwire.Storage.Bus;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatwire.Server.Tests.ScaleOut;

[Collection(PostgresCollection.Name)]
public sealed class PostgresBusTests(PostgresCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private string _database = "";
    private PostgresChatBus _nodeA = null!;
    private PostgresChatBus _nodeB = null!;

    public async Task InitializeAsync()
    {
        _database = await cluster.CreateDatabaseAsync();
        _nodeA = await StartNodeAsync("node-a");
        _nodeB = await StartNodeAsync("node-b");
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Fact]
    public async Task NotificationPublishedOnOneNodeReachesTheOtherNodesSubscribersAndItsOwnOnce()
    {
        var onA = new Inbox(_nodeA, "user:kim");
        var onB = new Inbox(_nodeB, "user:kim");
        var notification = new MessageNotification("user:kim", "chat-1", "message-1", 7, Created: true);

        await _nodeA.PublishAsync(notification, CancellationToken.None);

        Assert.Equal(notification, await onB.NextAsync<MessageNotification>());
        Assert.Equal(notification, await onA.NextAsync<MessageNotification>());

        // A marker from B travels behind any echo of A's notification on A's listener: none came.
        await _nodeB.PublishAsync(new TypingNotification("user:kim", "marker", "chat-1", true), CancellationToken.None);
        await onA.NextAsync<TypingNotification>();
        Assert.Empty(onA.Received.OfType<MessageNotification>().Skip(1));
    }

    [Fact]
    public async Task SubscribersHearOnlyTheirOwnersNotifications()
    {
        var onB = new Inbox(_nodeB, "user:lee");
        await _nodeA.PublishAsync(new UsageNotification("user:someone-else", new UsageSnapshot { IsAnonymous = false, Balance = 1m }), CancellationToken.None);
        await _nodeA.PublishAsync(new UsageNotification("user:lee", new UsageSnapshot { IsAnonymous = false, Balance = 2m }), CancellationToken.None);

        var usage = await onB.NextAsync<UsageNotification>();

        Assert.Equal(2m, usage.Usage.Balance);
        Assert.Single(onB.Received);
    }

    [Fact]
    public async Task ListenerGetsItsConnectionBackAfterItIsTerminatedAndMissesNothingPublishedLater()
    {
        var onB = new Inbox(_nodeB, "user:max");
        var terminated = await PostgresCluster.ExecuteAsync(_database,
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{PostgresChatBus.ListenerApplicationName(_nodeB.NodeId)}'");
        Assert.Equal(1L, terminated);

        // Subscribers are told to re-read the store: whatever was published meanwhile is only there.
        await onB.NextAsync<BusResynchronized>();
        Assert.Equal(1, _nodeB.Reconnections);

        for (var i = 0; i < 20; i++)
        {
            await _nodeA.PublishAsync(new MessageNotification("user:max", "chat", $"m{i}", i + 1, Created: true), CancellationToken.None);
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"m{i}", (await onB.NextAsync<MessageNotification>()).MessageId);
        }
    }

    [Fact]
    public async Task NotificationTooLargeForNotifyIsDeliveredLocallyOnly()
    {
        var onA = new Inbox(_nodeA, "user:ned");
        var onB = new Inbox(_nodeB, "user:ned");

        await _nodeA.PublishAsync(new TypingNotification("user:ned", "device", new string('x', PostgresChatBus.MaxPayloadBytes), true), CancellationToken.None);
        await _nodeA.PublishAsync(new TypingNotification("user:ned", "device", "small", true), CancellationToken.None);

        Assert.Equal(PostgresChatBus.MaxPayloadBytes, (await onA.NextAsync<TypingNotification>()).ChatId.Length);
        Assert.Equal("small", (await onB.NextAsync<TypingNotification>()).ChatId);
    }

    [Fact]
    public void EveryNotificationSurvivesItsJsonRoundTrip()
    {
        ChatNotification[] all =
        [
            new TypingNotification("user:a", "d", "c", true),
            new MessageNotification("anon:b", "c", "m", 42, Created: false),
            new ConversationNotification("user:a", "c", Created: true),
            new GeneratingNotification("user:a", "c", "m", IsGenerating: true),
            new UsageNotification("anon:b", new UsageSnapshot { IsAnonymous = true, Used = 3, Limit = 10, Remaining = 7 }),
            new StopRequestNotification("user:a", "m"),
        ];

        foreach (var notification in all)
        {
            Assert.Equal(notification, ChatNotificationJson.Deserialize(ChatNotificationJson.Serialize(notification)));
        }

        Assert.Null(ChatNotificationJson.Deserialize("{\"t\":\"from-the-future\"}"));
        Assert.Null(ChatNotificationJson.Deserialize("garbage"));
    }

    private async Task<PostgresChatBus> StartNodeAsync(string nodeId)
    {
        var options = new BusOptions { Provider = "PostgreSQL", NodeId = nodeId + "-" + Guid.NewGuid().ToString("N")[..6], MaxReconnectDelay = TimeSpan.FromMilliseconds(500) };
        var bus = new PostgresChatBus(_database, options, new NotificationDispatcher(NullLogger<NotificationDispatcher>.Instance), NullLogger<PostgresChatBus>.Instance);
        await bus.StartAsync(CancellationToken.None).WaitAsync(Timeout);
        return bus;
    }

    private sealed class Inbox
    {
        private readonly BlockingCollection<ChatNotification> _queue = [];

        public Inbox(IChatBus bus, string owner) => bus.Subscribe(owner, n =>
        {
            Received.Enqueue(n);
            _queue.Add(n);
        });

        public ConcurrentQueue<ChatNotification> Received { get; } = new();

        public async Task<T> NextAsync<T>()
            where T : ChatNotification
        {
            return await Task.Run(() =>
            {
                using var timeout = new CancellationTokenSource(Timeout);
                while (true)
                {
                    if (_queue.Take(timeout.Token) is T wanted)
                    {
                        return wanted;
                    }
                }
            });
        }
    }
}
