using System.Net;
using System.Net.WebSockets;
using System.Text;
using Chatwire.Server.Hosting.DirectWebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Chatwire.Server.Tests.Hosting;

/// <summary>
/// The direct path with endpoints of the test's own on a real Kestrel: an endpoint that awaits
/// something before it accepts or answers (a token check against a remote authority, say) is
/// served directly once it accepts, and handed to Kestrel when it answers instead; on Chatwire's
/// transport (the bare socket) and on Kestrel's (its pipes) alike.
/// </summary>
public sealed class DirectWebSocketEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EndpointThatAwaitsBeforeAcceptingIsServedDirectly(bool ownTransport)
    {
        await using var app = await StartAsync(ownTransport);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(WebSocketUri(app, "/slow-accept"), CancellationToken.None).WaitAsync(Timeout);

        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);

        // Chatwire's transport names its own connections; Kestrel's are Kestrel's.
        var echo = Encoding.UTF8.GetString(buffer, 0, received.Count);
        Assert.StartsWith($"ping over {nameof(DirectWebSocketFeature)} on ", echo, StringComparison.Ordinal);
        Assert.Equal(ownTransport, echo.EndsWith(" on direct", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EndpointThatAwaitsThenRefusesGetsKestrelsAnswer(bool ownTransport)
    {
        await using var app = await StartAsync(ownTransport);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri(app, "/slow-refuse"), CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EndpointThatAwaitsThenThrowsGetsKestrelsAnswerAndTheServerCarriesOn(bool ownTransport)
    {
        await using var app = await StartAsync(ownTransport);
        using (var failing = new ClientWebSocket())
        {
            failing.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() => failing.ConnectAsync(WebSocketUri(app, "/slow-throw"), CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(HttpStatusCode.InternalServerError, failing.HttpStatusCode);
        }

        using var next = new ClientWebSocket();
        await next.ConnectAsync(WebSocketUri(app, "/slow-accept"), CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(WebSocketState.Open, next.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MessagesSentBackToBackArriveWholeAndInOrderFollowedByTheClose(bool ownTransport)
    {
        await using var app = await StartAsync(ownTransport);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(WebSocketUri(app, "/flood"), CancellationToken.None).WaitAsync(Timeout);

        // Thousands of frames written faster than one send finishes, then the server's close right after.
        var buffer = new byte[64 * 1024];
        for (var expected = 0; expected < FloodMessages; expected++)
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
            Assert.True(received.EndOfMessage);
            Assert.Equal(FloodMessage(expected), Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        var close = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal((WebSocketMessageType.Close, WebSocketCloseStatus.NormalClosure), (close.MessageType, socket.CloseStatus));
    }

    private const int FloodMessages = 5_000;

    private static string FloodMessage(int number) => $"message {number} " + new string('x', number % 700);

    private static async Task<WebApplication> StartAsync(bool ownTransport)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseDirectWebSockets(ownTransport);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/slow-accept", async context =>
        {
            await Task.Delay(50);
            var feature = context.Features.Get<IHttpWebSocketFeature>()?.GetType().Name;
            var transport = context.Connection.Id.StartsWith("direct-", StringComparison.Ordinal) ? "direct" : "kestrel";
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[256];
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            var echo = Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetString(buffer, 0, received.Count)} over {feature} on {transport}");
            await socket.SendAsync(echo, WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.ReceiveAsync(buffer, CancellationToken.None);
        }).AllowDirectWebSockets();
        app.Map("/flood", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            for (var number = 0; number < FloodMessages; number++)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(FloodMessage(number)), WebSocketMessageType.Text, true, CancellationToken.None);
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            var buffer = new byte[256];
            while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }).AllowDirectWebSockets();
        app.Map("/slow-refuse", async context =>
        {
            await Task.Delay(50);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }).AllowDirectWebSockets();
        app.Map("/slow-throw", new RequestDelegate(async _ =>
        {
            await Task.Delay(50);
            throw new InvalidOperationException("failed before accepting");
        })).AllowDirectWebSockets();
        await app.StartAsync().WaitAsync(Timeout);
        return app;
    }

    private static Uri WebSocketUri(WebApplication app, string path)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + path);
    }
}
