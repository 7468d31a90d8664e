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
    public static async Task<(JsonBody? Body, (string Code, string Message)? Error)> ReadAsync(HttpRequest request, int maxBytes = DefaultMaxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, (ErrorCodes.InvalidFormat, $"Request body is larger than {maxBytes} bytes."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, (ErrorCodes.InvalidFormat, $"Request body is larger than {maxBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public static (JsonBody? Body, (string Code, string Message)? Error) Parse(ReadOnlyMemory<byte> utf8)
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
