using System.Text.Json;

namespace Chatwire.SocketIo;

/// <summary>An event a client emitted: its name, arguments (after the name) and, if the client asked for one, an ack.</summary>
public sealed class SocketIoEventArgs : SocketIoPayload
{
    private readonly long? _ackId;
    private int _acknowledged;

    internal SocketIoEventArgs(
        SocketIoSocket socket,
        string eventName,
        IReadOnlyList<JsonElement> arguments,
        IReadOnlyList<byte[]> attachments,
        long? ackId,
        JsonSerializerOptions options)
        : base(arguments, attachments, options)
    {
        Socket = socket;
        EventName = eventName;
        _ackId = ackId;
    }

    public SocketIoSocket Socket { get; }

    public string EventName { get; }

    /// <summary>True when the client passed a callback and waits for <see cref="AckAsync"/>.</summary>
    public bool HasAck => _ackId is not null;

    /// <summary>
    /// Answers the client's callback with these values (byte[] values travel as binary). Only the first
    /// call is sent; without a callback it does nothing (socket.io-protocol v5, "Acknowledgement").
    /// </summary>
    public ValueTask AckAsync(params ReadOnlySpan<object?> values)
    {
        if (_ackId is { } id && Interlocked.Exchange(ref _acknowledged, 1) == 0)
        {
            Socket.SendAck(id, values);
        }

        return ValueTask.CompletedTask;
    }
}
