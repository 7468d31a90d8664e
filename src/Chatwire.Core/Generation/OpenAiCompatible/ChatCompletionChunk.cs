using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatwire.Core.Generation.OpenAiCompatible;

/// <summary>
/// The parts of a streamed <c>chat.completion.chunk</c> Chatwire uses: the text delta, the usage
/// (sent last when <c>stream_options.include_usage</c> is set), and an in-stream error, which some
/// compatible servers send as a data line instead of an HTTP status.
/// </summary>
internal sealed class ChatCompletionChunk
{
    [JsonPropertyName("choices")]
    public List<ChunkChoice>? Choices { get; set; }

    [JsonPropertyName("usage")]
    public ChunkUsage? Usage { get; set; }

    [JsonPropertyName("error")]
    public ChunkError? Error { get; set; }

    public static ChatCompletionChunk? Parse(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize(data, ChatCompletionJson.Default.ChatCompletionChunk);
}

internal sealed class ChunkChoice
{
    [JsonPropertyName("delta")]
    public ChunkDelta? Delta { get; set; }
}

internal sealed class ChunkDelta
{
    [JsonPropertyName("content")]
    public string? Content { get; set; }
}

internal sealed class ChunkUsage
{
    [JsonPropertyName("prompt_tokens")]
    public int? PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public int? CompletionTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    public int? TotalTokens { get; set; }
}

internal sealed class ChunkError
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

[JsonSerializable(typeof(ChatCompletionChunk))]
internal sealed partial class ChatCompletionJson : JsonSerializerContext;
