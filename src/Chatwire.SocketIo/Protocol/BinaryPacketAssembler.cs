using System.Runtime.InteropServices;

namespace Chatwire.SocketIo.Protocol;

/// <summary>
/// Collects the binary Engine.IO messages that follow a BINARY_EVENT or BINARY_ACK header
/// (socket.io-protocol v5, "with binary data"). Bounded by the header's attachment count, itself
/// bounded by maxAttachments, and each message by maxPayload.
/// </summary>
internal sealed class BinaryPacketAssembler
{
    private SocketIoPacket? _header;
    private List<byte[]>? _attachments;

    public bool IsAssembling => _header is not null;

    public void Start(SocketIoPacket header)
    {
        _header = header;
        _attachments = new List<byte[]>(header.AttachmentCount);
    }

    /// <summary>Adds one attachment; returns the packet and its attachments once the last one arrived.</summary>
    public bool TryAdd(ReadOnlyMemory<byte> attachment, out SocketIoPacket? packet, out IReadOnlyList<byte[]> attachments)
    {
        if (_header is null || _attachments is null)
        {
            throw new InvalidOperationException("No binary packet is being assembled.");
        }

        _attachments.Add(AsArray(attachment));
        packet = null;
        attachments = [];
        if (_attachments.Count < _header.AttachmentCount)
        {
            return false;
        }

        packet = _header;
        attachments = _attachments;
        _header = null;
        _attachments = null;
        return true;
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
