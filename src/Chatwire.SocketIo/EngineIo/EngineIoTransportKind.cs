namespace Chatwire.SocketIo.EngineIo;

internal enum EngineIoTransportKind
{
    Polling,
    WebSocket,
}
