using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation;

/// <summary>
/// A provider that can stream its answer as <see cref="GeneratedText"/> pieces, the path the engine
/// takes for every token. Still an <see cref="IChatClient"/>, which stays the provider seam: any
/// other <see cref="IChatClient"/> is streamed through <see cref="TextStreamingAdapter"/>.
/// </summary>
public interface ITextStreamingChatClient : IChatClient
{
    /// <summary>
    /// The answer to <paramref name="messages"/>, piece by piece; what <see cref="IChatClient.GetStreamingResponseAsync"/>
    /// streams as updates, without an object per piece.
    /// </summary>
    IAsyncEnumerable<GeneratedText> GetStreamingTextAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);
}
