using System.Collections.Concurrent;
using Chatwire.SocketIo.EngineIo;
using Chatwire.SocketIo.Protocol;
using Microsoft.Extensions.Logging;

namespace Chatwire.SocketIo;

/// <summary>
/// The Socket.IO server (a singleton): namespaces are registered with <see cref="Of"/>. Only registered
/// namespaces accept connections; others answer CONNECT_ERROR "Invalid namespace".
/// </summary>
public sealed class SocketIoServer : IEngineIoSessionHandlerFactory
{
    private readonly ConcurrentDictionary<string, SocketIoNamespace> _namespaces = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    internal SocketIoServer(SocketIoOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        _logger = loggerFactory.CreateLogger("Chatwire.SocketIo");
        Encoder = new SocketIoMessageEncoder(SocketIoMessageEncoder.CreateOptions(options.SerializerOptions));
    }

    internal SocketIoOptions Options { get; }

    internal SocketIoMessageEncoder Encoder { get; }

    /// <summary>The namespace with this name ("/" is the main one), registered on first use.</summary>
    public SocketIoNamespace Of(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.StartsWith('/'))
        {
            name = "/" + name;
        }

        // The default parser ends a namespace at the first comma ("Format", notes), so one could never be reached.
        if (name.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("A namespace name must not contain a comma.", nameof(name));
        }

        return _namespaces.GetOrAdd(name, static (key, server) => new SocketIoNamespace(server, key, server._logger), this);
    }

    internal bool TryGetNamespace(string name, out SocketIoNamespace nsp) => _namespaces.TryGetValue(name, out nsp!);

    IEngineIoSessionHandler IEngineIoSessionHandlerFactory.Create(EngineIoSession session) =>
        new SocketIoClientConnection(this, session, _logger);
}
