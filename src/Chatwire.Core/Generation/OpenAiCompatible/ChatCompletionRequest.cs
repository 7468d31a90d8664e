using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation.OpenAiCompatible;

/// <summary>The body of a streamed <c>POST /chat/completions</c>, written straight to UTF-8.</summary>
internal static class ChatCompletionRequest
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpContent Create(string model, IEnumerable<ChatMessage> messages, float? temperature)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", RoleOf(message.Role));
                json.WriteString("content", message.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("stream", true);

            // Without it, OpenAI itself sends no token usage on a stream.
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            json.WriteEndObject();
            if (temperature is { } value)
            {
                json.WriteNumber("temperature", value);
            }

            json.WriteEndObject();
        }

        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = Json;
        return content;
    }

    private static string RoleOf(ChatRole role) =>
        role == ChatRole.System ? "system" : role == ChatRole.Assistant ? "assistant" : "user";
}
