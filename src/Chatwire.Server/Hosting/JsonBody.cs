using System.Buffers;
using System.Text.Json;
using Chatwire.Core.Turns;

namespace Chatwire.Server.Hosting;

/// <summary>
/// Reads a JSON object body by hand so malformed JSON and wrong field types get an error that
/// names the field, in the caller's wire format, instead of the framework's bare 400.
/// </summary>
public sealed class JsonBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    private readonly JsonElement _root;

    private JsonBody(JsonElement root) => _root = root;

    /// <summary>The first problem found reading fields, as (code, message); null while all is well.</summary>
    public (string Code, string Message)? Error { get; private set; }

    /// <summary>Parses the request body as a JSON object, or says why it is not one.</summary>
    /// <remarks>
    /// Read from the request's pipe and parsed where it lies: no buffer of our own and no copy
    /// beyond the parsed object's (every SSE and REST question comes this way).
    /// </remarks>
    public static async Task<(JsonBody? Body, (string Code, string Message)? Error)> ReadAsync(HttpRequest request, int maxBytes = DefaultMaxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            var body = read.Buffer;
            if (body.Length > maxBytes)
            {
                reader.AdvanceTo(body.End);
                return TooLarge(maxBytes);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return Parse(body);
                }
                finally
                {
                    reader.AdvanceTo(body.End);
                }
            }

            // Nothing taken, all of it seen: the next read returns it again with more behind it.
            reader.AdvanceTo(body.Start, body.End);
        }
    }

    public static (JsonBody? Body, (string Code, string Message)? Error) Parse(ReadOnlyMemory<byte> utf8) => Parse(new ReadOnlySequence<byte>(utf8));

    private static (JsonBody? Body, (string Code, string Message)? Error) Parse(ReadOnlySequence<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return (null, (ErrorCodes.InvalidJson, "Request body is empty; a JSON object is expected."));
        }

        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (new JsonBody(document.RootElement.Clone()), null)
                : (null, (ErrorCodes.InvalidFormat, "Request body must be a JSON object."));
        }
        catch (JsonException exception)
        {
            return (null, (ErrorCodes.InvalidJson, $"Request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine})."));
        }
    }

    private static (JsonBody? Body, (string Code, string Message)? Error) TooLarge(int maxBytes) =>
        (null, (ErrorCodes.InvalidFormat, $"Request body is larger than {maxBytes} bytes."));

    /// <summary>A string field; null when absent or JSON null. Any other type records an error.</summary>
    public string? Text(string name, bool required = false)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, "must be a string");
            return null;
        }

        return value.GetString();
    }

    /// <summary>A number field; null when absent or JSON null.</summary>
    public double? Number(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Fail(name, "must be a number");
            return null;
        }

        return value.GetDouble();
    }

    /// <summary>A boolean field; null when absent or JSON null.</summary>
    public bool? Flag(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, "must be true or false");
            return null;
        }

        return value.GetBoolean();
    }

    private void Fail(string name, string problem) =>
        Error ??= (ErrorCodes.InvalidFormat, $"Field '{name}' {problem}.");
}
