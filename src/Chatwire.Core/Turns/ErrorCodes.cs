namespace Chatwire.Core.Turns;

/// <summary>The stable error codes a turn can fail with; every wire reports them unchanged.</summary>
public static class ErrorCodes
{
    public const string EmptyMessage = "EMPTY_MESSAGE";
    public const string MessageTooLong = "MESSAGE_TOO_LONG";
    public const string AuthRequired = "AUTH_REQUIRED";
    public const string AnonLimitReached = "ANON_LIMIT_REACHED";
    public const string InsufficientBalance = "INSUFFICIENT_BALANCE";
    public const string RateLimited = "RATE_LIMITED";
    public const string BrandNotFound = "BRAND_NOT_FOUND";
    public const string ModelNotFound = "MODEL_NOT_FOUND";
    public const string InvalidTemperature = "INVALID_TEMPERATURE";
    public const string ConversationNotFound = "CONVERSATION_NOT_FOUND";
    public const string MessageNotFound = "MESSAGE_NOT_FOUND";
    public const string ProcessingError = "PROCESSING_ERROR";
    public const string Cancelled = "CANCELLED";

    // Wire-level codes: the request never became a turn.
    public const string InvalidToken = "INVALID_TOKEN";
    public const string InvalidAnonId = "INVALID_ANON_ID";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string InvalidJson = "INVALID_JSON";
    public const string UnknownType = "UNKNOWN_TYPE";
    public const string QueueFull = "QUEUE_FULL";
    public const string OriginNotAllowed = "ORIGIN_NOT_ALLOWED";
}
