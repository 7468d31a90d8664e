namespace Chatwire.SocketIo.Tests.Server;

/// <summary>Starts a fresh <see cref="SocketIoTestServer"/> per test, with the options a test class needs.</summary>
public abstract class ServerTests(Action<SocketIoOptions>? configure = null) : IAsyncLifetime
{
    internal SocketIoTestServer Server { get; private set; } = null!;

    internal RawEngineIoClient Client { get; private set; } = null!;

    /// <summary>A small payload limit so the size checks are cheap to reach.</summary>
    protected static void SmallPayload(SocketIoOptions options) => options.MaxPayload = 1000;

    /// <summary>A server with the short heartbeat of the protocol test suites' reference configuration.</summary>
    internal static Task<SocketIoTestServer> StartFastHeartbeatServerAsync() => StartHeartbeatServerAsync(TimeSpan.FromMilliseconds(200));

    /// <summary>
    /// Pings as often but waits 1 s for each pong, so a busy machine (a full test run on two cores)
    /// cannot make an answering client look dead: for tests of what pongs keep alive, which must
    /// then run past <see cref="PatientSessionLifeWithoutPongs"/>.
    /// </summary>
    internal static Task<SocketIoTestServer> StartFastPingPatientServerAsync() => StartHeartbeatServerAsync(TimeSpan.FromSeconds(1));

    /// <summary>How long a patient server's session lives when no pong comes: one ping interval plus the pong timeout.</summary>
    internal static readonly TimeSpan PatientSessionLifeWithoutPongs = TimeSpan.FromMilliseconds(1300);

    private static Task<SocketIoTestServer> StartHeartbeatServerAsync(TimeSpan pingTimeout) => SocketIoTestServer.StartAsync(options =>
    {
        options.PingInterval = TimeSpan.FromMilliseconds(300);
        options.PingTimeout = pingTimeout;
    });

    public async Task InitializeAsync()
    {
        Server = await SocketIoTestServer.StartAsync(configure);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
