using System.Buffers;
using System.Text.Json;
using Chatwire.SocketIo.EngineIo.Protocol;

namespace Chatwire.SocketIo.Protocol;

/// <summary>
/// Turns Socket.IO packets with .NET arguments into ready-to-send <see cref="OutboundMessage"/>s:
/// serialized once with System.Text.Json, byte arrays extracted as attachments, wrapped in an
/// Engine.IO message packet ("4" prefix, socket.io-protocol v5 "Packet encoding"). The result can be
/// queued to any number of clients of the same namespace without re-encoding.
/// </summary>
internal sealed class SocketIoMessageEncoder
{
    // Scratch buffers reused per thread: encoding is synchronous, the result is copied into an exact-size array.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_packet;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static List<ReadOnlyMemory<byte>>? t_attachments;

    private readonly JsonSerializerOptions _options;

    public SocketIoMessageEncoder(JsonSerializerOptions options) => _options = options;

    public JsonSerializerOptions Options => _options;

    /// <summary>Adds the binary placeholder converters to a copy of the application's serializer options.</summary>
    public static JsonSerializerOptions CreateOptions(JsonSerializerOptions? application)
    {
        var options = application is null ? new JsonSerializerOptions(JsonSerializerDefaults.Web) : new JsonSerializerOptions(application);
        options.Converters.Insert(0, new BinaryPlaceholderConverter());
        options.Converters.Insert(1, new BinaryMemoryPlaceholderConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public OutboundMessage Event(string nsp, string eventName, ReadOnlySpan<object?> args, long? ackId = null) =>
        EncodeArray(SocketIoPacketType.Event, nsp, ackId, eventName, args);

    public OutboundMessage Ack(string nsp, long ackId, ReadOnlySpan<object?> args) =>
        EncodeArray(SocketIoPacketType.Ack, nsp, ackId, eventName: null, args);

    public static OutboundMessage Connect(string nsp, string socketId) =>
        EncodeObject(SocketIoPacketType.Connect, nsp, writer => writer.WriteString("sid"u8, socketId));

    /// <summary>CONNECT_ERROR payload <c>{"message", "data"?}</c>, what the client's connect_error receives.</summary>
    public OutboundMessage ConnectError(string nsp, string message, object? data) =>
        EncodeObject(SocketIoPacketType.ConnectError, nsp, writer =>
        {
            writer.WriteString("message"u8, message);
            if (data is not null)
            {
                writer.WritePropertyName("data"u8);
                WriteValue(writer, data);
            }
        });

    public static OutboundMessage Disconnect(string nsp)
    {
        var packet = RentPacketBuffer();
        SocketIoPacketEncoder.Write(packet, SocketIoPacketType.Disconnect, nsp, null, 0, []);
        return new OutboundMessage(packet.WrittenSpan.ToArray());
    }

    private OutboundMessage EncodeArray(SocketIoPacketType type, string nsp, long? ackId, string? eventName, ReadOnlySpan<object?> args)
    {
        var attachments = t_attachments ??= [];
        attachments.Clear();
        var writer = RentJsonWriter(out var json);
        using (BinaryAttachments.CollectOutgoing(attachments))
        {
            writer.WriteStartArray();
            if (eventName is not null)
            {
                writer.WriteStringValue(eventName);
            }

            foreach (var arg in args)
            {
                WriteValue(writer, arg);
            }

            writer.WriteEndArray();
            writer.Flush();
        }

        if (attachments.Count > 0)
        {
            type = type == SocketIoPacketType.Event ? SocketIoPacketType.BinaryEvent : SocketIoPacketType.BinaryAck;
        }

        var packet = RentPacketBuffer();
        SocketIoPacketEncoder.Write(packet, type, nsp, ackId, attachments.Count, json.WrittenSpan);
        // Most emits (e.g. streamed text) carry no binary: they cost one exact-size array and the message.
        return new OutboundMessage(packet.WrittenSpan.ToArray(), attachments.Count > 0 ? [.. attachments] : null);
    }

    private static OutboundMessage EncodeObject(SocketIoPacketType type, string nsp, Action<Utf8JsonWriter> writeProperties)
    {
        var writer = RentJsonWriter(out var json);
        writer.WriteStartObject();
        writeProperties(writer);
        writer.WriteEndObject();
        writer.Flush();

        var packet = RentPacketBuffer();
        SocketIoPacketEncoder.Write(packet, type, nsp, null, 0, json.WrittenSpan);
        return new OutboundMessage(packet.WrittenSpan.ToArray());
    }

    private void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), _options);
                break;
        }
    }

    private static Utf8JsonWriter RentJsonWriter(out ArrayBufferWriter<byte> json)
    {
        json = t_json ??= new ArrayBufferWriter<byte>(256);
        json.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(json, new JsonWriterOptions { SkipValidation = false });
        writer.Reset(json);
        return writer;
    }

    // The packet buffer starts with the Engine.IO message type: every Socket.IO packet travels as an Engine.IO message.
    private static ArrayBufferWriter<byte> RentPacketBuffer()
    {
        var packet = t_packet ??= new ArrayBufferWriter<byte>(256);
        packet.ResetWrittenCount();
        EngineIoPayloadWriter.WriteTextPacket(packet, EngineIoPacketType.Message, []);
        return packet;
    }
}
