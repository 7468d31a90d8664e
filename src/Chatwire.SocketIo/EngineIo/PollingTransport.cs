using System.Buffers;
using System.IO.Pipelines;
using Chatwire.SocketIo.EngineIo.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>
/// HTTP long-polling (engine.io-protocol v4, "HTTP long-polling"): GET waits for queued packets and
/// returns them as one payload, POST delivers a payload of client packets.
/// </summary>
internal static partial class PollingTransport
{
    private const string TextContentType = "text/plain; charset=UTF-8";

    /// <summary>The handshake answer: the open packet as the body of the first GET.</summary>
    public static Task WriteOpenAsync(HttpResponse response, ReadOnlyMemory<byte> openPacket) =>
        WriteAsync(response, [new OutboundMessage(openPacket.ToArray())]);

    public static Task HandleGetAsync(HttpContext context, EngineIoSession session, ILogger logger) =>
        RunExclusiveAsync(context, session, logger, isGet: true, async () =>
        {
            var batch = await TakeBatchAsync(session, context.RequestAborted);
            if (batch is not null)
            {
                await WriteAsync(context.Response, batch);
            }
        });

    public static Task HandlePostAsync(HttpContext context, EngineIoSession session, ILogger logger) =>
        RunExclusiveAsync(context, session, logger, isGet: false, () => ReceivePayloadAsync(context, session, logger));

    /// <summary>
    /// Runs a GET or POST unless one of the same kind is already active: a second concurrent one would break
    /// packet ordering, so it gets 400 and the session closes (engine.io-protocol v4, "Sending data" / "Receiving data").
    /// </summary>
    private static async Task RunExclusiveAsync(HttpContext context, EngineIoSession session, ILogger logger, bool isGet, Func<Task> handle)
    {
        var polling = session.Polling!;
        if (!(isGet ? polling.TryBeginGet() : polling.TryBeginPost()))
        {
            Log.DuplicateRequest(logger, session.Id, context.Request.Method);
            session.Close(CloseReasons.DuplicateRequest);
            await EngineIoError.BadRequest.WriteAsync(context.Response);
            return;
        }

        try
        {
            await handle();
        }
        finally
        {
            if (isGet)
            {
                polling.EndGet();
            }
            else
            {
                polling.EndPost();
            }
        }
    }

    private static async Task ReceivePayloadAsync(HttpContext context, EngineIoSession session, ILogger logger)
    {
        var request = context.Request;
        if (request.ContentLength > session.MaxPayload)
        {
            await RejectTooLargeAsync(context, session, logger);
            return;
        }

        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > session.MaxPayload)
            {
                reader.AdvanceTo(read.Buffer.Start);
                await RejectTooLargeAsync(context, session, logger);
                return;
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        var packets = ParsePayload(read.Buffer);
        reader.AdvanceTo(read.Buffer.End);
        if (packets is null)
        {
            Log.InvalidPayload(logger, session.Id);
            session.Close(CloseReasons.ParseError);
            await EngineIoError.BadRequest.WriteAsync(context.Response);
            return;
        }

        foreach (var packet in packets)
        {
            session.Receive(packet);
        }

        // text/html, not text/plain, as the reference does to avoid download prompts in old browsers.
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = 2;
        await context.Response.Body.WriteAsync("ok"u8.ToArray(), context.RequestAborted);
    }

    // All packets are validated before any is delivered, so a malformed payload has no partial effect.
    private static List<EngineIoPacket>? ParsePayload(ReadOnlySequence<byte> payload)
    {
        var packets = new List<EngineIoPacket>();
        if (payload.IsEmpty)
        {
            return null;
        }

        while (!payload.IsEmpty)
        {
            if (!EngineIoPacketParser.TryReadPayloadPacket(ref payload, out var packet))
            {
                return null;
            }

            packets.Add(packet);
        }

        return packets;
    }

    private static async Task RejectTooLargeAsync(HttpContext context, EngineIoSession session, ILogger logger)
    {
        Log.PayloadTooLarge(logger, session.Id, session.MaxPayload);
        session.Close(CloseReasons.PayloadTooLarge);
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.Response.CompleteAsync();
    }

    /// <summary>
    /// Waits for queued packets and takes as many as fit in maxPayload (at least one). Returns the
    /// answer to send, or null when the client went away.
    /// </summary>
    private static async Task<List<OutboundMessage>?> TakeBatchAsync(EngineIoSession session, CancellationToken requestAborted)
    {
        var polling = session.Polling!;
        if (polling.IsUpgrading)
        {
            return [OutboundMessage.Noop];
        }

        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, polling.UpgradeStarted))
        {
            try
            {
                await session.Outbound.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
            {
                // An aborted poll means the client is gone (engine.io test suite: "closes the session upon cancelled polling request").
                session.Close(CloseReasons.TransportClose);
                return null;
            }
            catch (OperationCanceledException)
            {
                // The client is probing a WebSocket: end this poll cleanly (engine.io-protocol v4, "Upgrade").
                return [OutboundMessage.Noop];
            }
        }

        var batch = new List<OutboundMessage>();
        long size = 0;
        while (size < session.MaxPayload && session.Outbound.TryRead(out var message))
        {
            batch.Add(message);
            size += message.ApproximateSize + 1;
        }

        if (batch.Count == 0)
        {
            batch.Add(session.ClosedByClient ? OutboundMessage.Noop : OutboundMessage.Close);
        }

        return batch;
    }

    private static async Task WriteAsync(HttpResponse response, IEnumerable<OutboundMessage> batch)
    {
        response.ContentType = TextContentType;
        EngineIoPayloadWriter.WritePayload(response.BodyWriter, batch);
        await response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted);
    }
}
