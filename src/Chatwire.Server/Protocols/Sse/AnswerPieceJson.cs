using System.Text.Json;

namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// The data of the event every dialect sends per piece of the answer, <c>{"{text}":"...","{id}":"..."}</c>
/// with the dialect's two field names. Written field by field from the piece and the id it goes with,
/// because it goes out per token: a payload record per piece was an object per token.
/// </summary>
internal sealed class AnswerPieceJson(string textField, string idField)
{
    private readonly JsonEncodedText _textField = JsonEncodedText.Encode(textField);
    private readonly JsonEncodedText _idField = JsonEncodedText.Encode(idField);

    public ValueTask WriteAsync(SseResponse sse, string? eventName, string text, string id) =>
        sse.WriteAsync(eventName, (Format: this, Text: text, Id: id), static (json, piece) =>
        {
            json.WriteStartObject();
            json.WriteString(piece.Format._textField, piece.Text);
            json.WriteString(piece.Format._idField, piece.Id);
            json.WriteEndObject();
        });
}
