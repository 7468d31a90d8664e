using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatwire.Server.Tests.Support;

/// <summary>
/// An OpenAI-compatible upstream on 127.0.0.1 that speaks the real streaming format of
/// <c>POST /v1/chat/completions</c>: <c>data: {chunk}</c> lines, a usage chunk, then <c>data: [DONE]</c>.
/// What it answers and how it misbehaves is set per test.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAiServer(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address + "/v1";
    }

    /// <summary>Base URL to configure as a provider, ending in /v1.</summary>
    public string BaseUrl { get; }

    /// <summary>The words streamed back, one chunk each.</summary>
    public IReadOnlyList<string> Words { get; set; } = ["Hello", " from", " the", " upstream", " model."];

    /// <summary>Answer 500 with an error body instead of streaming.</summary>
    public bool FailBeforeStreaming { get; set; }

    /// <summary>When set, after the first word a data line carries this error instead of a chunk, and the stream ends.</summary>
    public string? ErrorAfterFirstWord { get; set; }

    /// <summary>When set, after the first word this raw text is sent as a data line (say, broken JSON), and the stream ends.</summary>
    public string? DataAfterFirstWord { get; set; }

    /// <summary>Delay between chunks.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>The JSON bodies of the requests received.</summary>
    public ConcurrentQueue<JsonDocument> Requests { get; } = new();

    /// <summary>The Authorization header of each request, in order (null when absent).</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>Set when a streaming request was aborted by the client before it finished.</summary>
    public TaskCompletionSource ClientAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _chunksWritten;

    /// <summary>How many content chunks were written before the stream ended or was aborted.</summary>
    public int ChunksWritten => Volatile.Read(ref _chunksWritten);

    /// <summary>Chatwire settings under which the model <c>upstream-model</c> streams from this server.</summary>
    public Dictionary<string, string?> UpstreamModelSettings() => new()
    {
        ["Generation:Providers:upstream:BaseUrl"] = BaseUrl,
        ["Generation:Models:1:Name"] = "upstream-model",
        ["Generation:Models:1:Provider"] = "upstream",
    };

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAiServer? server = null;
        app.MapPost("/v1/chat/completions", (HttpContext context) => server!.CompleteAsync(context));
        await app.StartAsync();
        server = new FakeOpenAiServer(app);
        return server;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var body = await JsonDocument.ParseAsync(context.Request.Body);
        Requests.Enqueue(body);
        Authorizations.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
        if (FailBeforeStreaming)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "upstream exploded: secret-internal-detail", type = "server_error" } });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var model = body.RootElement.GetProperty("model").GetString();
        try
        {
            for (var i = 0; i < Words.Count; i++)
            {
                var delta = i == 0 ? new { role = "assistant", content = Words[i] } : (object)new { content = Words[i] };
                await WriteAsync(context, new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1, model, choices = new[] { new { index = 0, delta, finish_reason = (string?)null } } });
                Interlocked.Increment(ref _chunksWritten);
                if (ErrorAfterFirstWord is { } error)
                {
                    await WriteAsync(context, new { error = new { message = error, type = "server_error" } });
                    return;
                }

                if (DataAfterFirstWord is { } data)
                {
                    await context.Response.WriteAsync("data: " + data + "\n\n", Encoding.UTF8, context.RequestAborted);
                    return;
                }

                if (ChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(ChunkDelay, context.RequestAborted);
                }
            }

            await WriteAsync(context, new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1, model, choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } });
            // As OpenAI does: usage comes as a last chunk only when the request asked for it.
            if (body.RootElement.TryGetProperty("stream_options", out var streamOptions)
                && streamOptions.TryGetProperty("include_usage", out var includeUsage) && includeUsage.GetBoolean())
            {
                await WriteAsync(context, new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1, model, choices = Array.Empty<object>(), usage = new { prompt_tokens = 42, completion_tokens = Words.Count, total_tokens = 42 + Words.Count } });
            }
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            ClientAborted.TrySetResult();
        }
    }

    private static async Task WriteAsync(HttpContext context, object chunk)
    {
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n", Encoding.UTF8, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
