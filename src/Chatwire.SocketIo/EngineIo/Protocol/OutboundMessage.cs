namespace Chatwire.SocketIo.EngineIo.Protocol;

/// <summary>
/// What a session queues for its client, encoded once: a complete Engine.IO text packet
/// ("&lt;type&gt;&lt;data&gt;", e.g. "2" or "42[...]") followed by the binary message packets that belong to it.
/// Queuing the attachments together with their header keeps a Socket.IO binary packet contiguous
/// even when several threads emit to the same client (socket.io-protocol v5, "Packet encoding").
/// </summary>
internal sealed class OutboundMessage(byte[] text, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null)
{
    private static readonly IReadOnlyList<ReadOnlyMemory<byte>> NoAttachments = [];

    public static readonly OutboundMessage Ping = FromType(EngineIoPacketType.Ping);
    public static readonly OutboundMessage Close = FromType(EngineIoPacketType.Close);
    public static readonly OutboundMessage Noop = FromType(EngineIoPacketType.Noop);
    public static readonly OutboundMessage PongProbe = new("3probe"u8.ToArray());

    public ReadOnlyMemory<byte> Text { get; } = text;

    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; } = attachments ?? NoAttachments;

    /// <summary>Bytes this message costs on the wire, used to fill polling responses up to maxPayload.</summary>
    public long ApproximateSize
    {
        get
        {
            long size = Text.Length;
            foreach (var attachment in Attachments)
            {
                // Base64 inflates by 4/3 on long-polling, plus the "b" prefix and separator.
                size += ((attachment.Length + 2) / 3 * 4) + 2;
            }

            return size;
        }
    }

    private static OutboundMessage FromType(EngineIoPacketType type) => new([(byte)('0' + (int)type)]);
}
