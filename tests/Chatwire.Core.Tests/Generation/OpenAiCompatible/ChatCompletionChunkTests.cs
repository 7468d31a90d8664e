using System.Text;
using System.Text.Json;
using Chatwire.Core.Generation.OpenAiCompatible;

namespace Chatwire.Core.Tests.Generation.OpenAiCompatible;

/// <summary>Streamed chunks as OpenAI and compatible servers (vLLM, Ollama, LiteLLM) send them.</summary>
public sealed class ChatCompletionChunkTests
{
    [Fact]
    public void A_token_chunk_gives_its_text_whatever_else_it_carries()
    {
        var chunk = Parse("""
            {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1732000000,"model":"gpt-4o-mini","system_fingerprint":"fp_1",
             "choices":[{"index":0,"delta":{"content":"Hel\u00e9 \"lo\"\n","refusal":null},"logprobs":{"content":[{"token":"x","bytes":[1,2]}]},"finish_reason":null}]}
            """);

        Assert.Equal("Helé \"lo\"\n", chunk.Content);
        Assert.Null(chunk.Usage);
        Assert.Null(chunk.Error);
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":null,"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}]}""")]
    [InlineData("""{"choices":[]}""")]
    [InlineData("""{"choices":null}""")]
    public void A_chunk_without_text_gives_none(string data) =>
        Assert.Null(Parse(data).Content);

    [Fact]
    public void Several_choices_give_their_text_in_order() =>
        Assert.Equal("ab", Parse("""{"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"}}]}""").Content);

    [Fact]
    public void The_usage_chunk_gives_the_token_counts()
    {
        var chunk = Parse("""{"choices":[],"usage":{"prompt_tokens":42,"completion_tokens":7,"total_tokens":49,"prompt_tokens_details":{"cached_tokens":0}}}""");

        Assert.Equal(new ChunkUsage(42, 7, 49), chunk.Usage);
        Assert.Null(chunk.Content);
    }

    [Theory]
    [InlineData("""{"error":{"message":"overloaded","type":"server_error"}}""", "overloaded")]
    [InlineData("""{"error":{"type":"server_error"}}""", "")]
    [InlineData("""{"error":"model not loaded"}""", "model not loaded")]
    public void An_error_chunk_gives_its_message(string data, string message) =>
        Assert.Equal(message, Parse(data).Error);

    [Fact]
    public void A_null_error_is_no_error() =>
        Assert.Null(Parse("""{"error":null,"choices":[{"delta":{"content":"x"}}]}""").Error);

    [Theory]
    [InlineData("""{"choices":[{"delta":{"content":""")]
    [InlineData("not json at all")]
    [InlineData("""{"choices":"not a list"}""")]
    [InlineData("""{"choices":[{"delta":{"content":5}}]}""")]
    [InlineData("""{"choices":[{"delta":"text"}]}""")]
    [InlineData("""{"usage":{"prompt_tokens":"many"}}""")]
    [InlineData("""["choices"]""")]
    [InlineData("""{"choices":[]} trailing""")]
    public void Anything_else_is_refused_as_json(string data) =>
        Assert.ThrowsAny<JsonException>(() => Parse(data));

    private static ChatCompletionChunk Parse(string data) => ChatCompletionChunk.Parse(Encoding.UTF8.GetBytes(data));
}
