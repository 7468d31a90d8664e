namespace Chatwire.SocketIo.Tests.Server;

/// <summary>Starts a fresh <see cref="SocketIoTestServer"/> per test, with the options a test class needs.</summary>
public abstract class ServerTests(Action<SocketIoOptions>? configure = null) : IAsyncLifetime
{
    internal SocketIoTestServer Server { get; private set; } = null!;

    internal RawEngineIoClient Client { get; private set; } = null!;

    /// <summary>A small payload limit so the size checks are cheap to reach.</summary>
    protected static void SmallPayload(SocketIoOptions options) => options.MaxPayload = 1000;

    /// <summary>A server with the short heartbeat of the protocol test suites' reference configuration.</summary>
    internal static Task<SocketIoTestServer> StartFastHeartbeatServerAsync() => SocketIoTestServer.StartAsync(options =>
    {
        options.PingInterval = TimeSpan.FromMilliseconds(300);
        options.PingTimeout = TimeSpan.FromMilliseconds(200);
    });

    public async Task InitializeAsync()
    {
        Server = await SocketIoTestServer.StartAsync(configure);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
