using System.Text.Json;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting;
using Chatwire.Server.Hosting.DirectWebSockets;
using Chatwire.Server.Protocols.BrandChat;
using Chatwire.Server.Protocols.ControlChannel;
using Chatwire.Server.Protocols.Rest;
using Chatwire.Server.Protocols.SocketIo;
using Chatwire.Server.Protocols.Sse;
using Chatwire.Server.Protocols.Status;
using Chatwire.Server.Protocols.WsChat;
using Chatwire.Storage;

namespace Chatwire.Server;

/// <summary>Builds the whole server; Program.cs and the tests both start it from here.</summary>
public static class ChatwireApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Configuration ships beside the binary, so every launcher (dotnet run, a test, a process
        // started from another folder) reads the same appsettings.json; ./data stays relative to
        // the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (builder.Configuration.GetValue("Hosting:DirectWebSockets", defaultValue: true))
        {
            builder.WebHost.UseDirectWebSockets(ownTransport: builder.Configuration.GetValue("Hosting:DirectSocketTransport", defaultValue: true));
        }

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddChatwireStorage(database);
        builder.Services.AddChatwireEngine(builder.Configuration);
        builder.Services.AddChatwireAuth(builder.Configuration, database);
        builder.Services.AddChatwireUsage();
        builder.Services.AddChatwireSse();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddBrandChat();
        builder.Services.AddChatwireSync(builder.Configuration, database);
        builder.Services.AddControlChannel();
        builder.Services.AddWsChat();
        builder.Services.AddSocketIoChat();
        builder.Services.AddUnfinishedAnswerSweeper();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseWebSockets();
        app.MapOpenApi();
        app.MapStatus();
        app.MapRestChat();
        app.MapHistory();
        app.MapBrandChat();
        app.MapControlChannel();
        app.MapWsChat();
        app.MapSocketIoChat();
        app.MapUsage();
        app.MapSse();
        if (app.Environment.IsDevelopment())
        {
            app.MapDevTokens();
        }

        return app;
    }

    /// <summary>Creates or migrates the database, then serves until shutdown.</summary>
    public static async Task RunAsync(WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await app.RunAsync();
    }
}
