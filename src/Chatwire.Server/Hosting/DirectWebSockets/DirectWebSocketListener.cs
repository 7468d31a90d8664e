using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>
/// Kestrel connection middleware that serves WebSocket upgrades to the endpoints that allow it
/// (<see cref="DirectWebSocketExtensions.AllowDirectWebSockets"/>) without Kestrel's HTTP/1.1
/// connection: an upgraded request there keeps the HTTP connection, its <c>HttpContext</c>, header
/// collections and streams alive for the WebSocket's whole life, most of an idle connection's memory
/// (docs/benchmarks.md). Here the first request's head is read off the connection, the endpoint runs
/// on a small <see cref="HttpContext"/> of its own (<see cref="DirectWebSocketDispatcher"/>), and the
/// WebSocket runs straight over the connection's pipes.
/// </summary>
/// <remarks>
/// Nothing is taken from the connection unless the endpoint accepts a WebSocket: any other first request, a
/// head this reader finds unusual, or an endpoint that answers instead of accepting (bad origin, not
/// a WebSocket request) leaves the connection untouched for Kestrel, which serves it as if this
/// middleware were not there. Later requests on a kept-alive connection are all Kestrel's.
/// With Chatwire's transport (<see cref="DirectSocketListener"/>) most handshakes never get here:
/// this serves those whose head did not arrive in one piece.
/// </remarks>
internal sealed class DirectWebSocketListener(ConnectionDelegate next, DirectWebSocketDispatcher dispatcher, KestrelServerLimits limits)
{
    private static readonly byte[] RequestTimeout = "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();

    /// <summary>Serves the connection if its first request is an upgrade an endpoint accepts; otherwise Kestrel serves it as it came.</summary>
    /// <remarks>
    /// The task Kestrel waits on is the endpoint's running session itself (or Kestrel's own
    /// handling): nothing of this listener's waits for the connection's whole life, so an idle
    /// connection keeps no async state, head or feature of it. A session that fails after the accept
    /// is logged by Kestrel, as any connection middleware's failure is.
    /// </remarks>
    public Task OnConnectedAsync(ConnectionContext connection)
    {
        var routes = dispatcher.Routes;
        if (routes.IsEmpty)
        {
            return next(connection);
        }

        var starting = StartAsync(connection, routes);
        return starting.IsCompletedSuccessfully ? starting.Result : starting.Unwrap();
    }

    /// <summary>Peeks at the first request and hands it to an endpoint or to Kestrel; the result is that handling, running.</summary>
    private async Task<Task> StartAsync(ConnectionContext connection, DirectWebSocketRoutes routes)
    {
        var (head, timedOut) = await PeekHeadAsync(connection, routes);
        if (timedOut)
        {
            // What Kestrel answers a head that takes too long; handing it over would restart the clock.
            await connection.Transport.Output.WriteAsync(RequestTimeout);
            return Task.CompletedTask;
        }

        if (head is not null && await dispatcher.TryServeAsync(new PipeUpgradeConnection(connection), head) is { } serving)
        {
            return serving;
        }

        return next(connection);
    }

    /// <summary>
    /// Reads until the first request's head is complete, taking nothing: the reader is left at the
    /// connection's first byte either way. No head when it is not one this listener parses; timed
    /// out when it did not complete within Kestrel's <see cref="KestrelServerLimits.RequestHeadersTimeout"/>.
    /// </summary>
    private async Task<(UpgradeRequestHead? Head, bool TimedOut)> PeekHeadAsync(ConnectionContext connection, DirectWebSocketRoutes routes)
    {
        var input = connection.Transport.Input;
        CancellationTokenSource? timeout = null;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout?.Token ?? default);
                var received = result.Buffer;
                UpgradeRequestHead? head = null;
                var status = UpgradeRequestHead.MayStart(received)
                    ? UpgradeRequestHead.TryParse(received, routes.MayMatch, out head)
                    : HeadStatus.NotTaken;
                if (status == HeadStatus.Incomplete && !result.IsCompleted)
                {
                    // Seen all of it: the next read waits for more.
                    input.AdvanceTo(received.Start, received.End);
                    timeout ??= new CancellationTokenSource(limits.RequestHeadersTimeout);
                    continue;
                }

                // Nothing seen: Kestrel's (or the upgrade's) first read returns all of it at once.
                input.AdvanceTo(received.Start);
                return (status == HeadStatus.Parsed ? head : null, false);
            }
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true)
        {
            return (null, true);
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or ConnectionAbortedException)
        {
            // Gone while sending its head: Kestrel meets the same end and handles it quietly.
            return (null, false);
        }
        finally
        {
            timeout?.Dispose();
        }
    }
}
