using System.Text;
using Chatwire.Server.Protocols.WsChat;

namespace Chatwire.Server.Tests.WsChat;

public sealed class WsChatFrameReaderTests
{
    [Fact]
    public void MessageFrameReadsEveryField()
    {
        var frame = Parse("""{"type":"message","message":"Hi","session_id":"s1","customer_id":"c1","brand_id":"meridian","model":"m","extra":{"nested":[1,2]}}""");

        Assert.Equal(new MessageFrame("Hi", "s1", "c1", "meridian", "m"), frame);
    }

    [Fact]
    public void NullAndEmptyOptionalFieldsReadAsAbsent() =>
        Assert.Equal(new MessageFrame("Hi", null, null, null, null), Parse("""{"type":"message","message":"Hi","session_id":null,"customer_id":""}"""));

    [Fact]
    public void AuthFrameCarriesItsToken() =>
        Assert.Equal(new AuthFrame("abc"), Parse("""{"token":"abc","type":"auth"}"""));

    [Fact]
    public void WrongFieldTypeNamesTheField()
    {
        var frame = Assert.IsType<InvalidFrame>(Parse("""{"type":"message","session_id":5}"""));

        Assert.Equal("INVALID_FORMAT", frame.Code);
        Assert.Contains("'session_id'", frame.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTypeIsReportedAsSuch() =>
        Assert.Equal("UNKNOWN_TYPE", Assert.IsType<InvalidFrame>(Parse("""{"type":"subscribe"}""")).Code);

    [Fact]
    public void InvalidUtf8IsAFormatError() =>
        Assert.Equal("INVALID_FORMAT", Assert.IsType<InvalidFrame>(WsChatFrameReader.Parse([.. "{\"type\":\""u8, 0xff, 0xfe, .. "\"}"u8])).Code);

    private static ClientFrame Parse(string json) => WsChatFrameReader.Parse(Encoding.UTF8.GetBytes(json));
}
