using System.Text.Json;
using Chatwire.SocketIo.Protocol;

namespace Chatwire.SocketIo.Tests.Protocol;

public class SocketIoPacketDecoderTests
{
    private static SocketIoPacket Decode(string text)
    {
        SocketIoPacket? first = null;
        foreach (var sequence in Segments.AllSplits(text))
        {
            Assert.True(SocketIoPacketDecoder.TryDecode(sequence, SocketIoPacketDecoder.DefaultMaxAttachments, out var packet), text);
            first ??= packet;
            Assert.Equal(first!.Type, packet!.Type);
            Assert.Equal(first.Namespace, packet.Namespace);
            Assert.Equal(first.AckId, packet.AckId);
            Assert.Equal(first.Data?.GetRawText(), packet.Data?.GetRawText());
        }

        return first!;
    }

    private static bool Rejects(string text) =>
        Segments.AllSplits(text).All(s => !SocketIoPacketDecoder.TryDecode(s, SocketIoPacketDecoder.DefaultMaxAttachments, out _));

    [Fact]
    public void A_bare_connect_targets_the_main_namespace_without_payload()
    {
        var packet = Decode("0");
        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal("/", packet.Namespace);
        Assert.Null(packet.Data);
    }

    [Theory]
    [InlineData("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}", "/admin")]
    [InlineData("0/custom,", "/custom")]
    [InlineData("0/custom,{\"token\":\"abc\"}", "/custom")]
    [InlineData("0/random", "/random")]
    [InlineData("0{\"token\":\"123\"}", "/")]
    public void Connect_packets_from_the_protocol_documents_decode(string text, string nsp)
    {
        var packet = Decode(text);
        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal(nsp, packet.Namespace);
    }

    [Fact]
    public void A_connect_error_carries_its_message_object()
    {
        var packet = Decode("4{\"message\":\"Not authorized\"}");
        Assert.Equal(SocketIoPacketType.ConnectError, packet.Type);
        Assert.Equal("Not authorized", packet.Data!.Value.GetProperty("message").GetString());
    }

    [Fact]
    public void An_event_in_a_custom_namespace_keeps_its_array_payload()
    {
        var packet = Decode("2/admin,[\"bar\"]");
        Assert.Equal(SocketIoPacketType.Event, packet.Type);
        Assert.Equal("/admin", packet.Namespace);
        Assert.Equal("bar", packet.Data!.Value[0].GetString());
        Assert.Null(packet.AckId);
    }

    [Fact]
    public void An_event_with_an_ack_id_reads_the_digits_before_the_json()
    {
        var packet = Decode("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        Assert.Equal(456, packet.AckId);
        Assert.Equal(4, packet.Data!.Value.GetArrayLength());
    }

    [Fact]
    public void A_binary_event_reports_its_attachment_count_and_keeps_placeholders()
    {
        var packet = Decode("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        Assert.Equal(SocketIoPacketType.BinaryEvent, packet.Type);
        Assert.Equal(2, packet.AttachmentCount);
        Assert.Equal("/admin", packet.Namespace);
        Assert.True(BinaryPlaceholder.TryGetIndex(packet.Data!.Value[2], out var index));
        Assert.Equal(1, index);
    }

    [Theory]
    [InlineData("3/admin,13[\"bar\"]", (int)SocketIoPacketType.Ack, 13, 0)]
    [InlineData("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", (int)SocketIoPacketType.BinaryAck, 15, 1)]
    [InlineData("312[]", (int)SocketIoPacketType.Ack, 12, 0)]
    [InlineData("52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", (int)SocketIoPacketType.BinaryEvent, 789, 2)]
    public void Acks_and_binary_packets_decode_their_ids_and_counts(string text, int type, long ackId, int attachments)
    {
        var packet = Decode(text);
        Assert.Equal((SocketIoPacketType)type, packet.Type);
        Assert.Equal(ackId, packet.AckId);
        Assert.Equal(attachments, packet.AttachmentCount);
    }

    [Theory]
    [InlineData("1", "/")]
    [InlineData("1/admin,", "/admin")]
    [InlineData("1/custom", "/custom")]
    public void Disconnects_have_a_namespace_and_no_payload(string text, string nsp)
    {
        var packet = Decode(text);
        Assert.Equal(SocketIoPacketType.Disconnect, packet.Type);
        Assert.Equal(nsp, packet.Namespace);
    }

    [Fact]
    public void A_numeric_event_name_is_accepted_like_the_reference_parser() => Assert.Equal(SocketIoPacketType.Event, Decode("2[1,2]").Type);

    [Theory]
    [InlineData("")] // no type
    [InlineData("abc")] // unknown packet type (test suite: "4abc")
    [InlineData("7[\"a\"]")] // type out of range
    [InlineData("2{}")] // invalid payload format (test suite)
    [InlineData("2abc[\"message-with-ack\",1]")] // invalid ack id (test suite)
    [InlineData("2")] // event payload is mandatory
    [InlineData("2[]")] // event payload must be non-empty
    [InlineData("2[true]")] // event name must be a string or number
    [InlineData("2[\"connect\"]")] // reserved event name
    [InlineData("2[\"disconnect\",1]")] // reserved event name
    [InlineData("2[\"a\"]x")] // trailing garbage
    [InlineData("2[\"a\"][\"b\"]")] // two values
    [InlineData("2[\"a\"")] // truncated JSON
    [InlineData("0[]")] // connect payload must be an object
    [InlineData("0\"token\"")] // connect payload must be an object
    [InlineData("1{}")] // disconnect has no payload
    [InlineData("3[\"bar\"]")] // ack without id
    [InlineData("313{}")] // ack payload must be an array
    [InlineData("4")] // connect_error needs a payload
    [InlineData("4[]")] // connect_error payload is an object or string
    [InlineData("5-[\"a\",{}]")] // missing attachment count
    [InlineData("50-[\"a\"]")] // attachment count below one
    [InlineData("511-[\"a\"]")] // more than maxAttachments
    [InlineData("51[\"a\"]")] // attachment count without dash
    [InlineData("5a-[\"a\"]")] // attachment count not a number
    [InlineData("21234567890123456[\"a\"]")] // ack id beyond what a JavaScript number holds exactly
    public void Malformed_packets_are_rejected(string text) => Assert.True(Rejects(text), text);

    [Fact]
    public void Invalid_utf8_in_a_namespace_is_rejected() =>
        Assert.False(SocketIoPacketDecoder.TryDecode(new byte[] { (byte)'0', (byte)'/', 0xff, (byte)',' }, out _));

    [Fact]
    public void Deeply_nested_json_is_rejected_instead_of_exhausting_the_stack()
    {
        var deep = "2[\"a\"," + new string('[', 200) + new string(']', 200) + "]";
        Assert.True(Rejects(deep));
    }

    [Fact]
    public void The_decoded_payload_outlives_the_input_buffer()
    {
        var bytes = "2[\"hello\"]"u8.ToArray();
        Assert.True(SocketIoPacketDecoder.TryDecode(bytes, out var packet));
        Array.Clear(bytes);
        Assert.Equal("hello", packet!.Data!.Value[0].GetString());
        Assert.Equal(JsonValueKind.Array, packet.Data.Value.ValueKind);
    }
}
