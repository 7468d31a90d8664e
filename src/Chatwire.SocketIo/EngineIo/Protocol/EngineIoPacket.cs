namespace Chatwire.SocketIo.EngineIo.Protocol;

/// <summary>
/// One decoded Engine.IO packet. For text packets <see cref="Data"/> is the UTF-8 payload after the
/// type digit; for binary packets (always of type message) it is the raw bytes.
/// </summary>
internal readonly record struct EngineIoPacket(EngineIoPacketType Type, ReadOnlyMemory<byte> Data, bool IsBinary)
{
    public static EngineIoPacket Binary(ReadOnlyMemory<byte> data) => new(EngineIoPacketType.Message, data, IsBinary: true);

    public static EngineIoPacket Text(EngineIoPacketType type, ReadOnlyMemory<byte> data) => new(type, data, IsBinary: false);

    /// <summary>"2probe" / "3probe" of the upgrade handshake (engine.io-protocol v4, "Upgrade").</summary>
    public bool IsProbe => !IsBinary && Data.Span.SequenceEqual("probe"u8);
}
