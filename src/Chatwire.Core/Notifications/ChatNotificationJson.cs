using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatwire.Core.Notifications;

/// <summary>The compact JSON form notifications travel in between nodes.</summary>
public static class ChatNotificationJson
{
    public static string Serialize(ChatNotification notification) =>
        JsonSerializer.Serialize(notification, ChatNotificationJsonContext.Default.ChatNotification);

    /// <summary>The notification, or null when the text is not one (a newer node's type, or garbage).</summary>
    public static ChatNotification? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ChatNotificationJsonContext.Default.ChatNotification);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatNotification))]
internal sealed partial class ChatNotificationJsonContext : JsonSerializerContext;
