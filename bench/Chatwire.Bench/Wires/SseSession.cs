using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chatwire.Bench.Load;

namespace Chatwire.Bench.Wires;

/// <summary>
/// One Server-Sent Events stream per answer, on a pooled HTTP/1.1 connection. Every dialect here
/// puts one piece of text per <c>data:</c> line with a <c>content</c> field and ends with
/// <c>[DONE]</c> or <c>{"done":true}</c>; only the request differs.
/// </summary>
public sealed class SseSession(Wire wire, WireContext context, int user) : IWireSession
{
    private readonly string _token = context.TokenFor(user);

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunTurnAsync(TurnRecorder recorder, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(context.TurnTimeout);
        using var request = Request();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        recorder.Sent();
        using var response = await context.Connector.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new WireException($"HTTP {(int)response.StatusCode}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsSpan(5).TrimStart();
            if (data.SequenceEqual("[DONE]") || data.Contains("\"done\":true", StringComparison.Ordinal))
            {
                return;
            }

            if (data.Contains("\"error\"", StringComparison.Ordinal))
            {
                throw new WireException(data.Length > 120 ? data[..120].ToString() : data.ToString());
            }

            if (data.Contains("\"content\"", StringComparison.Ordinal))
            {
                recorder.Token();
            }
        }

        throw new WireException("stream ended without [DONE]");
    }

    private HttpRequestMessage Request() => wire.Name switch
    {
        "sse-get" => new HttpRequestMessage(HttpMethod.Get, context.Resolve("/api/v1/chat/stream?message=" + Uri.EscapeDataString(context.Message))),
        "sse-post" => Post("/api/v2/ai/chat/stream", $"{{\"message\":{JsonFrames.Quote(context.Message)}}}"),
        _ => Post("/v1/chat/completions", $"{{\"model\":\"bench\",\"stream\":true,\"messages\":[{{\"role\":\"user\",\"content\":{JsonFrames.Quote(context.Message)}}}]}}"),
    };

    private HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, context.Resolve(path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
