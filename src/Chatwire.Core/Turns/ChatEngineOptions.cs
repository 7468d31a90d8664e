namespace Chatwire.Core.Turns;

/// <summary>Engine limits and defaults; bound from the <c>Chat</c> configuration section.</summary>
public sealed class ChatEngineOptions
{
    public const string Section = "Chat";

    /// <summary>Longest user message accepted, in characters; longer ones fail with MESSAGE_TOO_LONG.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>How many earlier messages of the conversation go to the provider as context.</summary>
    public int ContextMessages { get; set; } = 10;

    /// <summary>The brand that answers when a request names none.</summary>
    public string DefaultBrand { get; set; } = "default";

    /// <summary>How many knowledge passages ground an answer.</summary>
    public int RetrievalLimit { get; set; } = 4;

    /// <summary>
    /// An answer still streaming after this long is taken for one whose server stopped (a crash) and
    /// is closed as failed (<see cref="UnfinishedAnswers"/>). Far longer than any real answer.
    /// </summary>
    public TimeSpan UnfinishedAnswerTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
