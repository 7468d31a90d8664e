using System.Net.Http.Json;
using Chatwire.Server;
using Chatwire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Support;

/// <summary>
/// The real server on a free loopback port with its own SQLite file in a temporary folder.
/// The offline responder streams as fast as it can so tests do not wait on its pace.
/// </summary>
public sealed class ChatwireServer : IAsyncDisposable
{
    private readonly bool _ownsDataDirectory;

    private ChatwireServer(WebApplication app, string dataDirectory, bool ownsDataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;

    public Uri WebSocketUri(string pathAndQuery) =>
        new($"ws://{BaseAddress.Authority}{pathAndQuery}");

    /// <summary>Starts a server; pass <paramref name="dataDirectory"/> to reuse an earlier server's data (a restart).</summary>
    public static async Task<ChatwireServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("chatwire-test-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = dataDirectory,
            ["Generation:OfflineWordsPerSecond"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = ChatwireApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(configuration);
                configure?.Invoke(builder);
            });
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        await app.StartAsync();
        return new ChatwireServer(app, dataDirectory, ownsData);
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? anonId = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        Authorize(request, anonId, token);
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? anonId = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        Authorize(request, anonId, token);
        return await Http.SendAsync(request);
    }

    public static void Authorize(HttpRequestMessage request, string? anonId, string? token)
    {
        if (anonId is not null)
        {
            request.Headers.Add("x-anon-id", anonId);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>Stops the server, keeping its data folder (for restart tests).</summary>
    public async Task StopAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsDataDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on the way out; the temp folder is cleaned by the OS.
            }
        }
    }
}
