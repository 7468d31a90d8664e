using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Chatwire.Server.Tests.Support;

/// <summary>A control-channel client for tests: collects every frame the server sends; waits carry timeouts.</summary>
public sealed class ControlClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _receiving;

    private ControlClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = ReceiveAsync();
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseDescription => _socket.CloseStatusDescription;

    public static async Task<ControlClient> ConnectAsync(ChatwireServer server, string userId, string? token)
    {
        var socket = new ClientWebSocket();
        var query = token is null ? "" : "?token=" + Uri.EscapeDataString(token);
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(server.WebSocketUri($"/api/v1/ws/chat/{Uri.EscapeDataString(userId)}{query}"), timeout.Token);
        return new ControlClient(socket);
    }

    /// <summary>Connects and reads the <c>connected</c> frame.</summary>
    public static async Task<(ControlClient Client, JsonElement Connected)> OpenAsync(ChatwireServer server, string userId, string token)
    {
        var client = await ConnectAsync(server, userId, token);
        return (client, await client.NextAsync("connected"));
    }

    public Task SendAsync(object frame) => SendTextAsync(JsonSerializer.Serialize(frame));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next frame, whatever it is.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Timeout);
        return await _frames.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>The next frame of <paramref name="type"/> matching <paramref name="match"/>, skipping others.</summary>
    public async Task<JsonElement> NextAsync(string type, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(cancel.Token);
            if (frame.GetProperty("type").GetString() == type && (match is null || match(frame)))
            {
                return frame;
            }
        }
    }

    /// <summary>The next frame matching <paramref name="match"/>, skipping others.</summary>
    public async Task<JsonElement> NextMatchingAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(cancel.Token);
            if (match(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>Waits until the server closes the connection.</summary>
    public async Task WaitClosedAsync() => await _receiving.WaitAsync(Timeout);

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }

        await _receiving.WaitAsync(Timeout);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                _frames.Writer.TryWrite(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
            }
        }
        catch (WebSocketException)
        {
            // Connection gone.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or TimeoutException or OperationCanceledException)
        {
            // Already gone.
        }

        _socket.Dispose();
    }
}
