using System.Text.Json;

namespace Chatwire.SocketIo;

/// <summary>
/// A namespace connection being decided by middleware: inspect <see cref="Auth"/> and the handshake,
/// attach data to <see cref="Socket"/>, or <see cref="Reject"/> it so the client's connect_error fires.
/// </summary>
public sealed class SocketIoConnectContext
{
    internal SocketIoConnectContext(SocketIoSocket socket) => Socket = socket;

    /// <summary>The socket to be; not connected yet, so emits are not delivered until all middleware accepted it.</summary>
    public SocketIoSocket Socket { get; }

    public SocketIoHandshake Handshake => Socket.Handshake;

    /// <summary>The CONNECT payload, e.g. the client's <c>auth</c> option; parsed on each read, like <see cref="SocketIoHandshake.Auth"/>.</summary>
    public JsonElement Auth => Socket.Handshake.Auth;

    public bool IsRejected => RejectionMessage is not null;

    internal string? RejectionMessage { get; private set; }

    internal object? RejectionData { get; private set; }

    /// <summary>Refuses the connection with CONNECT_ERROR <c>{"message", "data"?}</c>; later middleware does not run.</summary>
    public void Reject(string message, object? data = null)
    {
        RejectionMessage = message;
        RejectionData = data;
    }
}
