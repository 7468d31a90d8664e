using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// An HTTP response carrying Server-Sent Events: sets the headers that keep proxies from buffering,
/// numbers every event with an <c>id:</c>, and flushes each event the moment it is written.
/// Events and heartbeats may come from different threads (the turn's loop, the heartbeat's timer):
/// they go out one at a time, each whole.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Nothing asks the semaphore for its wait handle, so it holds nothing to release.")]
public sealed class SseResponse(HttpContext context)
{
    private readonly HttpResponse _response = context.Response;

    // Held while an event or a heartbeat is written and flushed: a PipeWriter takes one writer at a time.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private string? _idPrefix;
    private int _eventsWritten;

    /// <summary>Prefix of event ids (the turn's stream id when there is one): ids read <c>{prefix}:{n}</c>.</summary>
    public string IdPrefix
    {
        get => _idPrefix ??= Guid.CreateVersion7().ToString();
        set => _idPrefix = value;
    }

    /// <summary>Events written so far; the heartbeat compares it between ticks to find a silent interval.</summary>
    public int EventsWritten => Volatile.Read(ref _eventsWritten);

    public CancellationToken Aborted => context.RequestAborted;

    /// <summary>Sends the status line and headers. Call once, before the first event.</summary>
    public void Start(int status = StatusCodes.Status200OK, TimeSpan? retryAfter = null)
    {
        _response.StatusCode = status;
        _response.ContentType = "text/event-stream";
        // no-cache: never serve a stream from a cache. X-Accel-Buffering: nginx (and proxies that copy it) pass bytes on at once.
        _response.Headers.CacheControl = "no-cache";
        _response.Headers["X-Accel-Buffering"] = "no";
        if (retryAfter is { } wait)
        {
            _response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Turns off any buffering layer in this process (response compression included) for this response.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>An event whose data is a payload, written by its source-generated serializer.</summary>
    public ValueTask WriteAsync<T>(string? eventName, T payload, JsonTypeInfo<T> typeInfo) =>
        WriteAsync(eventName, (payload, typeInfo), static (json, p) => JsonSerializer.Serialize(json, p.payload, p.typeInfo));

    /// <summary>
    /// An event whose data is the JSON <paramref name="writeJson"/> writes from <paramref name="state"/>:
    /// for the events sent per token, which then need no payload object.
    /// </summary>
    public ValueTask WriteAsync<TState>(string? eventName, TState state, Action<Utf8JsonWriter, TState> writeJson) =>
        SendAsync((eventName, state, writeJson), static (output, id, e) => SseJsonEvents.Write(output, e.eventName, id, e.state, e.writeJson));

    /// <summary>An event whose data is given as UTF-8 bytes (a sentinel such as <c>[DONE]</c>).</summary>
    public ValueTask WriteAsync(string? eventName, ReadOnlyMemory<byte> data) =>
        SendAsync((eventName, data), static (output, id, e) => SseFormatter.WriteEvent(output, e.eventName, id, e.data.Span));

    /// <summary>Numbers the event, lets <paramref name="format"/> write it into the body, and flushes it.</summary>
    private async ValueTask SendAsync<TEvent>(TEvent outgoing, Action<IBufferWriter<byte>, SseEventId, TEvent> format)
    {
        // Uncontended, this completes at once and allocates nothing; it waits only for a heartbeat being flushed.
        await _writing.WaitAsync(context.RequestAborted);
        try
        {
            format(_response.BodyWriter, new SseEventId(IdPrefix, _eventsWritten), outgoing);
            Volatile.Write(ref _eventsWritten, _eventsWritten + 1);
            await _response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// A comment line, unless an event is being written (the stream is not silent then, and the
    /// comment must not land inside it); false when skipped or the client is gone. Never throws:
    /// it runs from a timer while the turn is producing its next event.
    /// </summary>
    public async ValueTask<bool> TryHeartbeatAsync()
    {
        if (!_writing.Wait(0))
        {
            return false;
        }

        try
        {
            SseFormatter.WriteComment(_response.BodyWriter, "heartbeat");
            var flushed = await _response.BodyWriter.FlushAsync(context.RequestAborted);
            return !flushed.IsCanceled && !flushed.IsCompleted;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _writing.Release();
        }
    }
}
