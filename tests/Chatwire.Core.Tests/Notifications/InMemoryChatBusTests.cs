using Chatwire.Core.Notifications;
using Chatwire.Core.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatwire.Core.Tests.Notifications;

public sealed class InMemoryChatBusTests
{
    private readonly InMemoryChatBus _bus = new(new NotificationDispatcher(NullLogger<NotificationDispatcher>.Instance));

    [Fact]
    public async Task OwnersHearTheirOwnNotificationsAndNodeWideSubscribersHearAll()
    {
        var ann = new List<ChatNotification>();
        var all = new List<ChatNotification>();
        using var annSubscription = _bus.Subscribe("user:ann", ann.Add);
        using var allSubscription = _bus.SubscribeAll(all.Add);

        await _bus.PublishAsync(new StopRequestNotification("user:ann", "m1"), CancellationToken.None);
        await _bus.PublishAsync(new StopRequestNotification("user:bob", "m2"), CancellationToken.None);

        Assert.Equal(["m1"], ann.Cast<StopRequestNotification>().Select(n => n.StreamOrMessageId));
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task ResynchronisationReachesEverySubscriberAndUnsubscribedHandlersHearNothing()
    {
        var first = new List<ChatNotification>();
        var second = new List<ChatNotification>();
        var subscription = _bus.Subscribe("user:ann", first.Add);
        using var other = _bus.Subscribe("user:bob", second.Add);

        await _bus.PublishAsync(new BusResynchronized(), CancellationToken.None);
        subscription.Dispose();
        subscription.Dispose();
        await _bus.PublishAsync(new TypingNotification("user:ann", "d", "c", true), CancellationToken.None);

        Assert.IsType<BusResynchronized>(Assert.Single(first));
        Assert.IsType<BusResynchronized>(Assert.Single(second));
    }

    [Fact]
    public async Task AFailingSubscriberDoesNotStarveTheOthers()
    {
        var heard = new List<ChatNotification>();
        using var broken = _bus.Subscribe("user:ann", _ => throw new InvalidOperationException("boom"));
        using var working = _bus.Subscribe("user:ann", heard.Add);

        await _bus.PublishAsync(new TypingNotification("user:ann", "d", "c", true), CancellationToken.None);

        Assert.Single(heard);
    }

    [Fact]
    public async Task TypingIsPublishedOnceUntilItStopsAndDisposingADeviceStopsItsTyping()
    {
        var heard = new List<TypingNotification>();
        using var subscription = _bus.Subscribe("user:ann", n => heard.Add((TypingNotification)n));
        var options = new SyncOptions { TypingTimeout = TimeSpan.FromMinutes(5), MaxTypingChats = 2 };
        var typing = new TypingSession(_bus, "user:ann", "phone", options, TimeProvider.System);

        Assert.True(await typing.SetAsync("a", true, CancellationToken.None));
        Assert.True(await typing.SetAsync("a", true, CancellationToken.None));
        Assert.True(await typing.SetAsync("b", true, CancellationToken.None));
        Assert.False(await typing.SetAsync("c", true, CancellationToken.None));
        Assert.True(await typing.SetAsync("a", false, CancellationToken.None));
        await typing.DisposeAsync();

        Assert.Equal([("a", true), ("b", true), ("a", false), ("b", false)], heard.Select(n => (n.ChatId, n.IsTyping)));
    }
}
