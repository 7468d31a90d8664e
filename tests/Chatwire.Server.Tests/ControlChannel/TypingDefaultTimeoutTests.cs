using System.Diagnostics;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.ControlChannel;

public sealed class TypingDefaultTimeoutTests
{
    [Fact]
    public async Task TypingStopsAfterTheSeedsTwoSecondsIdleByDefault()
    {
        await using var server = await ChatwireServer.StartAsync();
        var token = Tokens.For(server, "slowpoke");
        var (phone, connected) = await ControlClient.OpenAsync(server, "slowpoke", token);
        var (browser, _) = await ControlClient.OpenAsync(server, "slowpoke", token);
        await using (phone)
        await using (browser)
        {
            Assert.Equal(2000, connected.GetProperty("typing_timeout_ms").GetInt32());
            await phone.SendAsync(new { type = "typing", chat_id = "chat-1", is_typing = true });
            await browser.NextAsync("typing", f => f.GetProperty("is_typing").GetBoolean());
            var idle = Stopwatch.StartNew();

            var stopped = await browser.NextAsync("typing");

            Assert.False(stopped.GetProperty("is_typing").GetBoolean());
            Assert.InRange(idle.Elapsed, TimeSpan.FromSeconds(1.8), TimeSpan.FromSeconds(4));
        }
    }
}
