using Chatwire.SocketIo.EngineIo.Protocol;

namespace Chatwire.SocketIo.EngineIo;

/// <summary>The layer above Engine.IO (Socket.IO) as seen by a session: it gets messages and the close.</summary>
internal interface IEngineIoSessionHandler
{
    /// <summary>A message packet arrived. Called by one transport at a time, in order.</summary>
    void OnMessage(EngineIoPacket packet);

    /// <summary>The session closed; called once.</summary>
    void OnClose(string reason);
}

/// <summary>Creates the handler of each new session before its handshake is sent.</summary>
internal interface IEngineIoSessionHandlerFactory
{
    IEngineIoSessionHandler Create(EngineIoSession session);
}
