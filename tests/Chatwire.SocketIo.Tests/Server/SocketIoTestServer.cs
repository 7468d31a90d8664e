using Chatwire.SocketIo.EngineIo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.Tests.Server;

/// <summary>A real Kestrel on 127.0.0.1 with a free port, running the library with the test namespaces.</summary>
internal sealed class SocketIoTestServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private SocketIoTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = Timeout };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public SocketIoServer Io => _app.Services.GetRequiredService<SocketIoServer>();

    public static async Task<SocketIoTestServer> StartAsync(Action<SocketIoOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSocketIo(options =>
        {
            options.AllowedOrigins = ["http://allowed.example"];
            options.AllowCredentials = true;
            configure?.Invoke(options);
        });

        var app = builder.Build();
        TestNamespaces.Register(app.Services.GetRequiredService<SocketIoServer>());
        app.MapSocketIo();
        await app.StartAsync().WaitAsync(Timeout);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SocketIoTestServer(app, new Uri(address));
    }

    public RawEngineIoClient CreateClient() => new(Http, Address);

    /// <summary>
    /// Waits until the session's GET has reached the server. HTTP gives no signal for that, so this looks at
    /// the session's own flag, bounded by <see cref="Timeout"/>.
    /// </summary>
    public async Task WaitForPendingPollAsync(string sid)
    {
        var sessions = _app.Services.GetRequiredService<EngineIoSessionStore>();
        using var deadline = new CancellationTokenSource(Timeout);
        while (!(sessions.TryGet(sid, out var session) && session.Polling!.HasPendingGet))
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }
}
