using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chatwire.Bench.Upstream;

/// <summary>
/// <c>Chatwire.Bench fake-upstream</c>: an OpenAI-compatible <c>POST /v1/chat/completions</c> on
/// 127.0.0.1 that waits a known time before its first chunk, then streams the answer word by word
/// in the real format (as tests/Chatwire.Server.Tests/Support/FakeOpenAiServer.cs): <c>data: chunk</c>
/// lines, a finish chunk, a usage chunk, <c>data: [DONE]</c>. Chunks are encoded once at start so
/// the upstream itself costs as little as possible.
/// </summary>
public static class FakeUpstream
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var port = int.Parse(options.GetValueOrDefault("port", "0"), CultureInfo.InvariantCulture);
        var firstToken = TimeSpan.FromMilliseconds(double.Parse(options.GetValueOrDefault("first-token-ms", "100"), CultureInfo.InvariantCulture));
        var wordsPerSecond = double.Parse(options.GetValueOrDefault("wps", "0"), CultureInfo.InvariantCulture);
        var pause = wordsPerSecond > 0 ? TimeSpan.FromSeconds(1 / wordsPerSecond) : TimeSpan.Zero;
        var words = AnswerText.Words(options.TryGetValue("text-file", out var file) ? File.ReadAllText(file) : AnswerText.Default);
        var chunks = words.Select((word, i) => Chunk(i == 0 ? new { role = "assistant", content = word } : (object)new { content = word }, null)).ToArray();
        var tail = Encoding.UTF8.GetBytes(
            Line(new { id = "chatcmpl-bench", @object = "chat.completion.chunk", created = 1, model = "bench", choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } })
            + Line(new { id = "chatcmpl-bench", @object = "chat.completion.chunk", created = 1, model = "bench", choices = Array.Empty<object>(), usage = new { prompt_tokens = 42, completion_tokens = words.Count, total_tokens = 42 + words.Count } })
            + "data: [DONE]\n\n");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var aborted = context.RequestAborted;
            await context.Request.Body.CopyToAsync(Stream.Null, aborted);
            context.Response.ContentType = "text/event-stream";
            try
            {
                await Task.Delay(firstToken, aborted);
                for (var i = 0; i < chunks.Length; i++)
                {
                    if (i > 0 && pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, aborted);
                    }

                    await context.Response.Body.WriteAsync(chunks[i], aborted);
                    await context.Response.Body.FlushAsync(aborted);
                }

                await context.Response.Body.WriteAsync(tail, aborted);
            }
            catch (OperationCanceledException)
            {
                // The caller went away.
            }
        });
        await app.RunAsync();
        return 0;
    }

    private static byte[] Chunk(object delta, string? finishReason) => Encoding.UTF8.GetBytes(Line(new
    {
        id = "chatcmpl-bench",
        @object = "chat.completion.chunk",
        created = 1,
        model = "bench",
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    }));

    private static string Line(object chunk) => "data: " + JsonSerializer.Serialize(chunk) + "\n\n";
}
