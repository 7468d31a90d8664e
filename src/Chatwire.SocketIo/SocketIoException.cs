namespace Chatwire.SocketIo;

/// <summary>A Socket.IO operation could not complete, e.g. the socket disconnected before the client acknowledged.</summary>
public sealed class SocketIoException(string message) : Exception(message);
