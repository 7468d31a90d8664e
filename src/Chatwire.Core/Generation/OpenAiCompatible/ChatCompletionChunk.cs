using System.Text.Json;

namespace Chatwire.Core.Generation.OpenAiCompatible;

/// <summary>
/// The parts of a streamed <c>chat.completion.chunk</c> Chatwire uses: the text delta, the usage
/// (sent last when <c>stream_options.include_usage</c> is set), and an in-stream error, which some
/// compatible servers send as a data line instead of an HTTP status.
/// </summary>
/// <remarks>
/// Read with a <see cref="Utf8JsonReader"/> rather than the serializer: one chunk arrives per token,
/// and the serializer's read stack and the object graph of choices and deltas were most of what a
/// token cost in allocations (docs/benchmarks.md). Anything that is not such a chunk (not JSON, or
/// a field of the wrong type) throws <see cref="JsonException"/>, as the serializer did.
/// </remarks>
internal struct ChatCompletionChunk
{
    /// <summary>The text delta of the chunk's choices, in order; null when none carries text.</summary>
    public string? Content { readonly get; private set; }

    public ChunkUsage? Usage { readonly get; private set; }

    /// <summary>Set when the chunk is an error report; its message, or "" when it has none.</summary>
    public string? Error { readonly get; private set; }

    public static ChatCompletionChunk Parse(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        var chunk = new ChatCompletionChunk();
        ReadObject(ref reader, ref chunk, static (ref reader, ref chunk) =>
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                ReadArray(ref reader, ref chunk, static (ref reader, ref chunk) =>
                    ReadObject(ref reader, ref chunk, static (ref reader, ref chunk) =>
                    {
                        if (reader.ValueTextEquals("delta"u8))
                        {
                            ReadObject(ref reader, ref chunk, static (ref reader, ref chunk) =>
                            {
                                if (reader.ValueTextEquals("content"u8))
                                {
                                    chunk.AppendContent(ReadString(ref reader));
                                    return true;
                                }

                                return false;
                            });
                            return true;
                        }

                        return false;
                    }));
                return true;
            }

            if (reader.ValueTextEquals("usage"u8))
            {
                chunk.Usage = ReadUsage(ref reader);
                return true;
            }

            if (reader.ValueTextEquals("error"u8))
            {
                chunk.Error = ReadError(ref reader);
                return true;
            }

            return false;
        });
        if (reader.Read())
        {
            throw new JsonException("Data after the JSON object.");
        }

        return chunk;
    }

    private void AppendContent(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Content = Content is null ? text : Content + text;
        }
    }

    private static ChunkUsage? ReadUsage(ref Utf8JsonReader reader)
    {
        var usage = new ChunkUsage();
        var present = ReadObject(ref reader, ref usage, static (ref reader, ref usage) =>
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                usage = usage with { PromptTokens = ReadInt(ref reader) };
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                usage = usage with { CompletionTokens = ReadInt(ref reader) };
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                usage = usage with { TotalTokens = ReadInt(ref reader) };
            }
            else
            {
                return false;
            }

            return true;
        });
        return present ? usage : null;
    }

    // An error object's message; a bare string is taken as the message.
    private static string? ReadError(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("A property without a value.");
        }

        if (reader.TokenType is JsonTokenType.String)
        {
            return reader.GetString();
        }

        var message = "";
        var present = ReadValueObject(ref reader, ref message, static (ref reader, ref message) =>
        {
            if (reader.ValueTextEquals("message"u8))
            {
                message = ReadString(ref reader) ?? "";
                return true;
            }

            return false;
        });
        return present ? message : null;
    }

    private delegate bool PropertyReader<T>(ref Utf8JsonReader reader, ref T state);

    private delegate void ItemReader<T>(ref Utf8JsonReader reader, ref T state);

    /// <summary>Reads the next value, an object or null; false for null. Each property is offered to <paramref name="property"/>, which reads its value or returns false to have it skipped.</summary>
    private static bool ReadObject<T>(ref Utf8JsonReader reader, ref T state, PropertyReader<T> property)
    {
        if (!reader.Read())
        {
            throw new JsonException("Expected a JSON object.");
        }

        return ReadValueObject(ref reader, ref state, property);
    }

    // As ReadObject, with the reader already on the value's first token.
    private static bool ReadValueObject<T>(ref Utf8JsonReader reader, ref T state, PropertyReader<T> property)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object, found {reader.TokenType}.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!property(ref reader, ref state))
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("An unfinished JSON object.");
        }

        return true;
    }

    private static void ReadArray<T>(ref Utf8JsonReader reader, ref T state, ItemReader<T> item)
    {
        if (!reader.Read())
        {
            throw new JsonException("Expected a JSON array.");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array, found {reader.TokenType}.");
        }

        while (true)
        {
            // Peek at the next token without taking it: the item reader reads its own value.
            var next = reader;
            if (!next.Read())
            {
                throw new JsonException("An unfinished JSON array.");
            }

            if (next.TokenType == JsonTokenType.EndArray)
            {
                reader = next;
                return;
            }

            item(ref reader, ref state);
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
        };
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var value) => value,
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a whole number, found {reader.TokenType}."),
        };
    }
}

internal readonly record struct ChunkUsage(int? PromptTokens, int? CompletionTokens, int? TotalTokens);
