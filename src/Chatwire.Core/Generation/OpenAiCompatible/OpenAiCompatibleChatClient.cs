using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation.OpenAiCompatible;

/// <summary>
/// An <see cref="IChatClient"/> over any OpenAI-compatible <c>/chat/completions</c> endpoint
/// (OpenAI, OpenRouter, Ollama, vLLM, llama.cpp server), streaming only. Written as an
/// <see cref="ITextStreamingChatClient"/>; its updates are the text stream's pieces.
/// </summary>
/// <remarks>
/// Written on <see cref="HttpClient"/> and <see cref="SseParser"/> rather than the OpenAI SDK: every
/// chunk of every answer passes through here, and the SDK's pipeline, its JSON document per chunk
/// and its update objects cost more than the rest of Chatwire's work per token
/// (docs/benchmarks.md). No retries: the fallback chain decides what happens after a failure, and
/// a retried request would double the time to first token.
/// </remarks>
public sealed class OpenAiCompatibleChatClient : ITextStreamingChatClient
{
    private const int MaxErrorBodyChars = 2_000;
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    private readonly HttpClient _http;
    private readonly Uri _completions;
    private readonly TimeSpan _timeout;
    private readonly string _defaultModel;

    public OpenAiCompatibleChatClient(OpenAiProviderOptions options, string defaultModel)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Follow DNS changes of a hosted upstream without dropping connections mid-answer.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout,

            // An answer abandoned mid-stream closes its connection at once. By default the handler
            // would keep reading (and the upstream generating, and billing) for up to 2 s to reuse it.
            MaxResponseDrainSize = 0,
        })
        {
            // Timeouts are per wait (below), not per answer: a long answer may stream for minutes.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        _completions = new Uri(options.BaseUrl.TrimEnd('/') + "/chat/completions");
        _timeout = options.Timeout;
        _defaultModel = defaultModel;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GeneratedTextUpdates.ToUpdatesAsync(GetStreamingTextAsync(messages, options, cancellationToken), ModelFor(options), finishReason: null, cancellationToken);

    public async IAsyncEnumerable<GeneratedText> GetStreamingTextAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The upstream must answer, and then keep sending, within the timeout (as the SDK's network
        // timeout did); the time Chatwire spends with a piece in hand is not counted.
        using var silence = new UpstreamSilenceWatch(_timeout, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, _completions)
        {
            Content = ChatCompletionRequest.Create(ModelFor(options), messages, options?.Temperature),
        };
        request.Headers.Accept.Add(EventStream);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, silence.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw await UpstreamErrorAsync(response, silence.Token);
        }

        await using var body = await response.Content.ReadAsStreamAsync(silence.Token);
        var events = SseParser.Create<ChatCompletionChunk?>(body, static (_, data) => data.SequenceEqual("[DONE]"u8) ? null : ChatCompletionChunk.Parse(data));
        await using var chunks = events.EnumerateAsync(silence.Token).GetAsyncEnumerator(silence.Token);
        while (true)
        {
            silence.Waiting();
            if (!await chunks.MoveNextAsync() || chunks.Current.Data is not { } chunk)
            {
                // The end of the stream, or [DONE].
                yield break;
            }

            silence.Answered();
            if (chunk.Error is { } error)
            {
                throw new HttpRequestException($"The upstream reported an error mid-stream: {error}");
            }

            if (chunk.Usage is { } usage)
            {
                // Sent last, usually with no text; a server that puts both in one chunk loses neither.
                yield return new GeneratedText(chunk.Content ?? "", new UsageDetails
                {
                    InputTokenCount = usage.PromptTokens,
                    OutputTokenCount = usage.CompletionTokens,
                    TotalTokenCount = usage.TotalTokens,
                });
            }
            else if (chunk.Content is { } text)
            {
                yield return new GeneratedText(text);
            }
        }
    }

    private string ModelFor(ChatOptions? options) => options?.ModelId ?? _defaultModel;

    /// <summary>The status and the start of the body, for the log; the client never sees them.</summary>
    private static async Task<HttpRequestException> UpstreamErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = "";
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            var buffer = new char[MaxErrorBodyChars];
            body = new string(buffer, 0, await reader.ReadBlockAsync(buffer, cancellationToken));
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
        {
            // The status alone is enough to go on.
        }

        return new HttpRequestException($"The upstream answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}", null, response.StatusCode);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => _http.Dispose();
}
