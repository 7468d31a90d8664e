using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Chatwire.Server.Tests.Support;

/// <summary>One received SSE event, or a comment (heartbeat) when <see cref="Comment"/> is set.</summary>
public sealed record SseEvent(string? Event, string? Id, string Data, string? Comment = null)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>Reads a text/event-stream body line by line, as the spec's parser does.</summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        string? name = null, id = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new SseEvent(name, id, data.ToString());
                }

                name = null;
                id = null;
                data.Clear();
                hasData = false;
            }
            else if (line.StartsWith(':'))
            {
                yield return new SseEvent(null, null, "", line[1..].Trim());
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                if (hasData)
                {
                    data.Append('\n');
                }

                data.Append(line[6..]);
                hasData = true;
            }
        }
    }

    /// <summary>All events (comments left out) until the server ends the stream.</summary>
    public static async Task<List<SseEvent>> ReadAllAsync(HttpResponseMessage response, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var events = new List<SseEvent>();
        await foreach (var received in ReadAsync(response, cancellation.Token))
        {
            if (received.Comment is null)
            {
                events.Add(received);
            }
        }

        return events;
    }
}
