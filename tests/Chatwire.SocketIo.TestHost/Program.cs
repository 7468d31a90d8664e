using System.Diagnostics;
using Chatwire.SocketIo;
using Chatwire.SocketIo.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// A minimal app over the Socket.IO library for the socket.io-client tests in tests/clients.
// Options come from configuration, e.g. --SocketIo:PingInterval=00:00:01.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSocketIo();

var app = builder.Build();
var io = app.Services.GetRequiredService<SocketIoServer>();
TestNamespaces.MapMain(io.Of("/"));
TestNamespaces.MapSecure(io.Of("/secure"));
app.MapSocketIo();

// Baseline for the memory measurement: a bare ASP.NET Core WebSocket that sends one frame and idles in a
// zero-byte read, so the library's own share of a session's memory can be told apart from the framework's.
app.UseWebSockets();
app.Map("/baseline-ws", async context =>
{
    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    await socket.SendAsync("0"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, context.RequestAborted);
    while ((await socket.ReceiveAsync(Memory<byte>.Empty, context.RequestAborted)).MessageType != System.Net.WebSockets.WebSocketMessageType.Close)
    {
        await socket.ReceiveAsync(new byte[1024], context.RequestAborted);
    }
});

// For the idle-memory measurement: managed heap after a full collection, and the process working set.
app.MapGet("/stats", () =>
{
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    using var process = Process.GetCurrentProcess();
    return Results.Json(new { heapBytes = heap, workingSetBytes = process.WorkingSet64, sockets = io.Of("/").Sockets.Count });
});

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

    // The Node tests read this line to find the port chosen for --urls http://127.0.0.1:0.
    Console.WriteLine($"Listening on {addresses.First()}");
});

app.Run();
