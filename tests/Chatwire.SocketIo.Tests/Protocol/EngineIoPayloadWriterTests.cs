using System.Buffers;
using System.Text;
using Chatwire.SocketIo.EngineIo.Protocol;

namespace Chatwire.SocketIo.Tests.Protocol;

public class EngineIoPayloadWriterTests
{
    private static string WritePayload(params OutboundMessage[] messages)
    {
        var output = new ArrayBufferWriter<byte>();
        EngineIoPayloadWriter.WritePayload(output, messages);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Text_packets_are_joined_with_the_record_separator() =>
        Assert.Equal("4hello\u001e2\u001e4world", WritePayload(
            new OutboundMessage("4hello"u8.ToArray()), OutboundMessage.Ping, new OutboundMessage("4world"u8.ToArray())));

    [Fact]
    public void Binary_attachments_follow_their_header_as_base64_records() =>
        Assert.Equal("451-[\"a\",{\"_placeholder\":true,\"num\":0}]\u001ebAQIDBA==", WritePayload(
            new OutboundMessage("451-[\"a\",{\"_placeholder\":true,\"num\":0}]"u8.ToArray(), [new byte[] { 1, 2, 3, 4 }])));

    [Fact]
    public void A_single_packet_payload_has_no_separator() => Assert.Equal("6", WritePayload(OutboundMessage.Noop));

    [Fact]
    public void What_the_writer_produces_the_parser_reads_back()
    {
        var output = new ArrayBufferWriter<byte>();
        EngineIoPayloadWriter.WritePayload(output, [new OutboundMessage("4€"u8.ToArray(), [new byte[] { 0, 255 }]), OutboundMessage.Close]);
        var payload = new ReadOnlySequence<byte>(output.WrittenMemory);
        var packets = new List<EngineIoPacket>();
        while (!payload.IsEmpty)
        {
            Assert.True(EngineIoPacketParser.TryReadPayloadPacket(ref payload, out var packet));
            packets.Add(packet);
        }

        Assert.Equal("€", Encoding.UTF8.GetString(packets[0].Data.Span));
        Assert.Equal(new byte[] { 0, 255 }, packets[1].Data.ToArray());
        Assert.Equal(EngineIoPacketType.Close, packets[2].Type);
    }

    [Fact]
    public void A_text_packet_is_its_type_digit_followed_by_the_data()
    {
        var output = new ArrayBufferWriter<byte>();
        EngineIoPayloadWriter.WriteTextPacket(output, EngineIoPacketType.Pong, "probe"u8);
        Assert.Equal("3probe", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
