using System.Net.WebSockets;
using System.Text.Json;

// Seed 002's /ws/chat written the plain ASP.NET Core way: accept, read a message, stream the words.
// Usage: dotnet KestrelFloor.dll --urls http://127.0.0.1:5000 --TextFile answer.txt --WordsPerSecond 20
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var words = Words(app.Configuration["TextFile"]);
var wordsPerSecond = app.Configuration.GetValue("WordsPerSecond", 0.0);
var pause = wordsPerSecond > 0 ? TimeSpan.FromSeconds(1 / wordsPerSecond) : TimeSpan.Zero;
var steps = new[] { "starting", "agent_routing", "rag_retrieval", "generating" };

app.UseWebSockets();
app.MapGet("/health", () => "ok");
app.Map("/ws/chat", async context =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    var aborted = context.RequestAborted;
    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    if (context.Request.Query.ContainsKey("token"))
    {
        await SendAsync(socket, new { type = "auth_success", message = "Authentication successful" }, aborted);
    }

    var buffer = new byte[4096];
    try
    {
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, aborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Bye", aborted);
                return;
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            foreach (var step in steps)
            {
                await SendAsync(socket, new { type = "progress", step, message = step }, aborted);
            }

            var partial = "";
            foreach (var word in words)
            {
                partial += word;
                await SendAsync(socket, new { type = "token", token = word, partial_response = partial }, aborted);
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, aborted);
                }
            }

            await SendAsync(socket, new { type = "complete", response = partial, session_id = "floor" }, aborted);
        }
    }
    catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
    {
        // The client left.
    }
});
app.Run();

static Task SendAsync(WebSocket socket, object frame, CancellationToken cancellationToken) =>
    socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

// Words keep their leading space, as a model's tokens do, so the joined text is the answer.
static string[] Words(string? path)
{
    var text = path is null ? "The floor streams this sentence one word at a time." : File.ReadAllText(path).Trim();
    var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return [.. words.Select((word, i) => i == 0 ? word : " " + word)];
}
