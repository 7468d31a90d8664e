using System.Net;
using System.Net.Sockets;

namespace Chatwire.Bench.Load;

/// <summary>
/// Opens every client connection from one of several loopback source addresses (127.0.0.1,
/// 127.0.0.2, ...), round robin. One source address can reach one server address and port from
/// at most the ephemeral range's worth of ports (about 28,000 with Linux defaults); each added
/// source address adds as many again.
/// </summary>
public sealed class LoopbackConnector : IDisposable
{
    // Linux IP_BIND_ADDRESS_NO_PORT: bind the source address now but choose the port at connect
    // time, so ports are shared per destination instead of reserved per bind.
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    private readonly IPAddress[] _sources;
    private readonly SocketsHttpHandler _handler;
    private int _next;

    public LoopbackConnector(int sourceCount)
    {
        _sources = [.. Enumerable.Range(1, Math.Clamp(sourceCount, 1, 254)).Select(i => new IPAddress(new byte[] { 127, 0, 0, (byte)i }))];
        _handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
        };
        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        Http = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>For <c>ClientWebSocket.ConnectAsync(uri, invoker, ...)</c>.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>For plain HTTP streams (SSE); pooled connections reuse their source address.</summary>
    public HttpClient Http { get; }

    public int SourceCount => _sources.Length;

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var source = _sources[(int)((uint)Interlocked.Increment(ref _next) % (uint)_sources.Length)];
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
            }

            socket.Bind(new IPEndPoint(source, 0));
            var host = IPAddress.TryParse(context.DnsEndPoint.Host, out var address) ? address : IPAddress.Loopback;
            await socket.ConnectAsync(new IPEndPoint(host, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        Invoker.Dispose();
        _handler.Dispose();
    }
}
