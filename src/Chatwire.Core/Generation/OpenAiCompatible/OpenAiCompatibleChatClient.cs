using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAiChatMessage = OpenAI.Chat.ChatMessage;

namespace Chatwire.Core.Generation.OpenAiCompatible;

/// <summary>
/// An <see cref="IChatClient"/> over any OpenAI-compatible <c>/chat/completions</c> endpoint
/// (OpenAI, OpenRouter, Ollama, vLLM, llama.cpp server), using the official SDK's streaming.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly OpenAIClient _client;
    private readonly string _defaultModel;

    public OpenAiCompatibleChatClient(OpenAiProviderOptions options, string defaultModel)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl),
            NetworkTimeout = options.Timeout,

            // No silent retries: the fallback chain decides what happens after a failure, and a
            // retried request would double the time to first token.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };

        // Local servers (Ollama, llama.cpp) accept any key, but the SDK insists on one.
        var key = string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey;
        _client = new OpenAIClient(new ApiKeyCredential(key), clientOptions);
        _defaultModel = defaultModel;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AiChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chat = _client.GetChatClient(options?.ModelId ?? _defaultModel);
        var completionOptions = new ChatCompletionOptions { Temperature = options?.Temperature };

        await foreach (var update in chat.CompleteChatStreamingAsync(ToOpenAi(messages), completionOptions, cancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                if (!string.IsNullOrEmpty(part.Text))
                {
                    yield return new ChatResponseUpdate(AiChatRole.Assistant, part.Text);
                }
            }

            if (update.Usage is { } usage)
            {
                yield return new ChatResponseUpdate
                {
                    Role = AiChatRole.Assistant,
                    Contents =
                    [
                        new UsageContent(new UsageDetails
                        {
                            InputTokenCount = usage.InputTokenCount,
                            OutputTokenCount = usage.OutputTokenCount,
                            TotalTokenCount = usage.TotalTokenCount,
                        }),
                    ],
                };
            }
        }
    }

    private static List<OpenAiChatMessage> ToOpenAi(IEnumerable<AiChatMessage> messages)
    {
        var result = new List<OpenAiChatMessage>();
        foreach (var message in messages)
        {
            var text = message.Text;
            if (message.Role == AiChatRole.System)
            {
                result.Add(new SystemChatMessage(text));
            }
            else if (message.Role == AiChatRole.Assistant)
            {
                result.Add(new AssistantChatMessage(text));
            }
            else
            {
                result.Add(new UserChatMessage(text));
            }
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
