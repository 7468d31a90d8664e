using System.Text;
using System.Text.Json;
using Chatwire.SocketIo.EngineIo.Protocol;
using Chatwire.SocketIo.Protocol;

namespace Chatwire.SocketIo.Tests.Protocol;

public class SocketIoMessageEncoderTests
{
    private readonly SocketIoMessageEncoder _encoder = new(SocketIoMessageEncoder.CreateOptions(null));

    private static string Text(OutboundMessage message) => Encoding.UTF8.GetString(message.Text.Span);

    [Fact]
    public void An_event_to_the_main_namespace_omits_the_namespace() =>
        Assert.Equal("42[\"foo\"]", Text(_encoder.Event("/", "foo", [])));

    [Fact]
    public void An_event_to_a_custom_namespace_puts_it_before_a_comma() =>
        Assert.Equal("42/admin,[\"bar\"]", Text(_encoder.Event("/admin", "bar", [])));

    [Fact]
    public void An_event_with_an_ack_id_puts_the_id_before_the_payload() =>
        Assert.Equal("4212[\"foo\"]", Text(_encoder.Event("/", "foo", [], ackId: 12)));

    [Fact]
    public void Arguments_are_serialized_with_web_defaults() =>
        Assert.Equal("42[\"hey\",\"Jude\",1,{\"chatId\":\"c1\",\"delta\":\"to\"},null]",
            Text(_encoder.Event("/", "hey", ["Jude", 1, new { ChatId = "c1", Delta = "to" }, null])));

    [Fact]
    public void A_byte_array_argument_becomes_a_binary_event_with_a_placeholder_and_an_attachment()
    {
        var message = _encoder.Event("/", "baz", [new byte[] { 1, 2, 3, 4 }]);
        Assert.Equal("451-[\"baz\",{\"_placeholder\":true,\"num\":0}]", Text(message));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, Assert.Single(message.Attachments).ToArray());
    }

    [Fact]
    public void Several_attachments_in_a_custom_namespace_are_numbered_in_order()
    {
        var message = _encoder.Event("/admin", "baz", [new byte[] { 1, 2 }, new ReadOnlyMemory<byte>([3, 4])]);
        Assert.Equal("452-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", Text(message));
        Assert.Equal([[1, 2], [3, 4]], message.Attachments.Select(a => a.ToArray()));
    }

    [Fact]
    public void Byte_arrays_nested_in_objects_become_placeholders_too()
    {
        var message = _encoder.Event("/", "file", [new { Name = "a.bin", Content = new byte[] { 9 } }]);
        Assert.Equal("451-[\"file\",{\"name\":\"a.bin\",\"content\":{\"_placeholder\":true,\"num\":0}}]", Text(message));
    }

    [Fact]
    public void An_ack_in_a_custom_namespace_carries_the_namespace_and_id() =>
        Assert.Equal("43/admin,13[\"bar\"]", Text(_encoder.Ack("/admin", 13, ["bar"])));

    [Fact]
    public void An_ack_with_binary_becomes_a_binary_ack() =>
        Assert.Equal("461-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", Text(_encoder.Ack("/", 15, ["bar", new byte[] { 1 }])));

    [Fact]
    public void An_empty_ack_is_an_empty_array() => Assert.Equal("4312[]", Text(_encoder.Ack("/", 12, [])));

    [Fact]
    public void Connect_replies_carry_the_socket_id() =>
        Assert.Equal("40/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}", Text(SocketIoMessageEncoder.Connect("/admin", "oSO0OpakMV_3jnilAAAA")));

    [Fact]
    public void Connect_errors_carry_a_message_and_optional_data()
    {
        Assert.Equal("44{\"message\":\"Not authorized\"}", Text(_encoder.ConnectError("/", "Not authorized", null)));
        Assert.Equal("44/random,{\"message\":\"Invalid namespace\"}", Text(_encoder.ConnectError("/random", "Invalid namespace", null)));
        Assert.Equal("44{\"message\":\"no\",\"data\":{\"retryIn\":5}}", Text(_encoder.ConnectError("/", "no", new { RetryIn = 5 })));
    }

    [Fact]
    public void Disconnects_are_the_type_and_namespace_only()
    {
        Assert.Equal("41", Text(SocketIoMessageEncoder.Disconnect("/")));
        Assert.Equal("41/admin,", Text(SocketIoMessageEncoder.Disconnect("/admin")));
    }

    [Fact]
    public void A_namespace_with_a_comma_cannot_be_encoded() =>
        Assert.Throws<ArgumentException>(() => _encoder.Event("/a,b", "x", []));

    [Fact]
    public void JsonElement_arguments_are_written_verbatim()
    {
        using var document = JsonDocument.Parse("{\"3\":[true]}");
        Assert.Equal("42[\"message-back\",1,\"2\",{\"3\":[true]}]", Text(_encoder.Event("/", "message-back", [1, "2", document.RootElement])));
    }

    [Fact]
    public void Encoded_binary_events_decode_back_to_the_same_bytes()
    {
        var message = _encoder.Event("/", "file", [new Payload("x", [5, 6, 7])]);
        Assert.True(SocketIoPacketDecoder.TryDecode(message.Text[1..], out var packet));
        var decoded = BinaryAttachments.Deserialize<Payload>(packet!.Data!.Value[1], message.Attachments.Select(a => a.ToArray()).ToList(), _encoder.Options);
        Assert.Equal(new byte[] { 5, 6, 7 }, decoded!.Content);
    }

    [Fact]
    public void Outside_a_packet_byte_arrays_fall_back_to_base64() =>
        Assert.Equal("{\"name\":\"x\",\"content\":\"AQ==\"}", JsonSerializer.Serialize(new Payload("x", [1]), _encoder.Options));

    private sealed record Payload(string Name, byte[] Content);
}
