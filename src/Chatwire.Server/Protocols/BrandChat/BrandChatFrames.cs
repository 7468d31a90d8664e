using System.Globalization;
using System.Text.Json;
using Chatwire.Core.Brands;

namespace Chatwire.Server.Protocols.BrandChat;

/// <summary>Writes seed 004 server frames: <c>{"type": ..., "data": {...}}</c>.</summary>
public static class BrandChatFrames
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText IsFinal = JsonEncodedText.Encode("is_final");
    private static readonly JsonEncodedText ConversationId = JsonEncodedText.Encode("conversation_id");
    private static readonly JsonEncodedText SuggestedProducts = JsonEncodedText.Encode("suggested_products");
    private static readonly JsonEncodedText ConfidenceScore = JsonEncodedText.Encode("confidence_score");
    private static readonly JsonEncodedText Chunk = JsonEncodedText.Encode("chunk");
    private static readonly JsonEncodedText Complete = JsonEncodedText.Encode("complete");

    public static void WriteWelcome(Utf8JsonWriter json, (string Message, Brand Brand) welcome)
    {
        Begin(json, "welcome");
        json.WriteString(Message, welcome.Message);
        json.WriteString("brand_id", welcome.Brand.Id);
        json.WriteString("brand_name", welcome.Brand.Name);
        End(json);
    }

    public static void WriteChunk(Utf8JsonWriter json, (string Content, string ConversationId) chunk)
    {
        json.WriteStartObject();
        json.WriteString(Type, Chunk);
        json.WriteStartObject(Data);
        json.WriteString(Content, chunk.Content);
        json.WriteBoolean(IsFinal, false);
        json.WriteString(ConversationId, chunk.ConversationId);
        json.WriteNull(SuggestedProducts);
        json.WriteNull(ConfidenceScore);
        End(json);
    }

    public static void WriteComplete(Utf8JsonWriter json, (string ConversationId, IReadOnlyList<Product> Products, double? Confidence) complete)
    {
        json.WriteStartObject();
        json.WriteString(Type, Complete);
        json.WriteStartObject(Data);
        json.WriteString(Content, "");
        json.WriteBoolean(IsFinal, true);
        json.WriteString(ConversationId, complete.ConversationId);
        json.WriteStartArray(SuggestedProducts);
        foreach (var product in complete.Products)
        {
            WriteProduct(json, product);
        }

        json.WriteEndArray();
        if (complete.Confidence is { } confidence)
        {
            json.WriteNumber(ConfidenceScore, Math.Round(confidence, 2));
        }
        else
        {
            json.WriteNull(ConfidenceScore);
        }

        End(json);
    }

    public static void WriteError(Utf8JsonWriter json, (string Code, string Message) error)
    {
        Begin(json, "error");
        json.WriteString(Message, error.Message);
        json.WriteString(Code, error.Code);
        End(json);
    }

    public static void WritePong(Utf8JsonWriter json, DateTimeOffset now)
    {
        Begin(json, "pong");
        json.WriteString("timestamp", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        End(json);
    }

    private static void WriteProduct(Utf8JsonWriter json, Product product)
    {
        json.WriteStartObject();
        json.WriteString("id", product.Id);
        json.WriteString("name", product.Name);
        json.WriteString("description", product.Description);
        json.WriteString("category", product.Category);
        json.WriteNumber("price", product.Price);
        json.WriteStartArray("features");
        foreach (var feature in product.Features)
        {
            json.WriteStringValue(feature);
        }

        json.WriteEndArray();
        json.WriteStartObject("specifications");
        foreach (var (key, value) in product.Specifications)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteBoolean("availability", product.Availability);
        json.WriteEndObject();
    }

    private static void Begin(Utf8JsonWriter json, string type)
    {
        json.WriteStartObject();
        json.WriteString(Type, type);
        json.WriteStartObject(Data);
    }

    private static void End(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
