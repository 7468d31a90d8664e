using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Buffers.Text;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>The open sessions by id.</summary>
internal sealed class EngineIoSessionStore
{
    private readonly ConcurrentDictionary<string, EngineIoSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>20 url-safe characters from 15 random bytes, the shape of reference session ids.</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15));

    public void Add(EngineIoSession session) => _sessions[session.Id] = session;

    public bool TryGet(string id, out EngineIoSession session) => _sessions.TryGetValue(id, out session!);

    public void Remove(EngineIoSession session) => _sessions.TryRemove(new KeyValuePair<string, EngineIoSession>(session.Id, session));

    public void CloseAll(string reason)
    {
        foreach (var session in _sessions.Values)
        {
            session.Close(reason);
        }
    }
}
