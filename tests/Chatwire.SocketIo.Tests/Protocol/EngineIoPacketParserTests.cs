using System.Buffers;
using System.Text;
using Chatwire.SocketIo.EngineIo.Protocol;

namespace Chatwire.SocketIo.Tests.Protocol;

public class EngineIoPacketParserTests
{
    private static List<EngineIoPacket>? ParsePayload(ReadOnlySequence<byte> payload)
    {
        var packets = new List<EngineIoPacket>();
        while (!payload.IsEmpty)
        {
            if (!EngineIoPacketParser.TryReadPayloadPacket(ref payload, out var packet))
            {
                return null;
            }

            packets.Add(packet);
        }

        return packets;
    }

    private static string Text(EngineIoPacket packet) => Encoding.UTF8.GetString(packet.Data.Span);

    [Fact]
    public void A_payload_of_several_text_packets_splits_on_the_record_separator_across_any_segmentation()
    {
        foreach (var payload in Segments.AllSplits("4hello\u001e2\u001e4world"))
        {
            var packets = ParsePayload(payload)!;
            Assert.Equal([EngineIoPacketType.Message, EngineIoPacketType.Ping, EngineIoPacketType.Message], packets.Select(p => p.Type));
            Assert.Equal(["hello", "", "world"], packets.Select(Text));
        }
    }

    [Fact]
    public void A_b_prefixed_record_is_decoded_from_base64_into_a_binary_message()
    {
        foreach (var payload in Segments.AllSplits("4hello\u001ebAQIDBA=="))
        {
            var packets = ParsePayload(payload)!;
            Assert.False(packets[0].IsBinary);
            Assert.True(packets[1].IsBinary);
            Assert.Equal(EngineIoPacketType.Message, packets[1].Type);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, packets[1].Data.ToArray());
        }
    }

    [Fact]
    public void Multibyte_utf8_text_survives_a_split_inside_a_character()
    {
        foreach (var payload in Segments.AllSplits("4€uro\u001e4ok"))
        {
            Assert.Equal(["€uro", "ok"], ParsePayload(payload)!.Select(Text));
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("4a\u001e\u001e4b")]
    [InlineData("4a\u001e")]
    [InlineData("\u001e4a")]
    [InlineData("b!!notbase64")]
    [InlineData("4ok\u001exyz")]
    public void Malformed_payloads_are_rejected(string payload)
    {
        var sequence = Segments.Split(payload, 2);
        Assert.Null(sequence.IsEmpty ? null : ParsePayload(sequence));
    }

    [Fact]
    public void An_empty_record_is_rejected_even_though_the_payload_is_otherwise_valid()
    {
        var payload = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("4a\u001e"));
        Assert.True(EngineIoPacketParser.TryReadPayloadPacket(ref payload, out _));
        Assert.False(payload.IsEmpty);
        Assert.False(EngineIoPacketParser.TryReadPayloadPacket(ref payload, out _));
    }

    [Fact]
    public void A_text_frame_is_one_packet_with_its_type_digit_first()
    {
        Assert.True(EngineIoPacketParser.TryParseFrame(Segments.Split("2probe", 3), isBinaryFrame: false, out var packet));
        Assert.Equal(EngineIoPacketType.Ping, packet.Type);
        Assert.True(packet.IsProbe);
    }

    [Fact]
    public void A_binary_frame_is_a_message_with_the_bytes_as_is()
    {
        Assert.True(EngineIoPacketParser.TryParseFrame(Segments.Split([1, 2, 3, 4], 3), isBinaryFrame: true, out var packet));
        Assert.True(packet.IsBinary);
        Assert.Equal(EngineIoPacketType.Message, packet.Type);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, packet.Data.ToArray());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("9")]
    public void Text_frames_without_a_known_type_digit_are_rejected(string frame) =>
        Assert.False(EngineIoPacketParser.TryParseFrame(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(frame)), false, out _));

    [Fact]
    public void The_decoded_data_does_not_alias_the_input_buffer()
    {
        var bytes = Encoding.UTF8.GetBytes("4hello");
        Assert.True(EngineIoPacketParser.TryParseFrame(new ReadOnlySequence<byte>(bytes), false, out var packet));
        bytes[1] = (byte)'j';
        Assert.Equal("hello", Text(packet));
    }
}
