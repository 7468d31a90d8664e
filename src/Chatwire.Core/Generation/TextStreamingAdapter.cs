using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation;

/// <summary>
/// Streams any other <see cref="IChatClient"/> (a third party's provider) as <see cref="GeneratedText"/>:
/// each update's text, the usage of its <see cref="UsageContent"/> and the sources it reports under
/// <see cref="Grounding.SourcesKey"/>. Everything else passes through to the client unchanged.
/// </summary>
/// <remarks>
/// Such a provider still allocates its updates per token; only Chatwire's own providers stream
/// without them.
/// </remarks>
public sealed class TextStreamingAdapter : DelegatingChatClient, ITextStreamingChatClient
{
    private TextStreamingAdapter(IChatClient client)
        : base(client)
    {
    }

    /// <summary><paramref name="client"/> itself when it streams text already, else an adapter over it.</summary>
    public static ITextStreamingChatClient Adapt(IChatClient client) =>
        client as ITextStreamingChatClient ?? new TextStreamingAdapter(client);

    public async IAsyncEnumerable<GeneratedText> GetStreamingTextAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            var text = update.Text;
            var usage = UsageOf(update);
            var sources = update.AdditionalProperties?.TryGetValue(Grounding.SourcesKey, out var reported) == true ? reported as IReadOnlyList<string> : null;
            if (text.Length > 0 || usage is not null || sources is not null)
            {
                yield return new GeneratedText(text, usage, sources);
            }
        }
    }

    private static UsageDetails? UsageOf(ChatResponseUpdate update)
    {
        // Indexed: a foreach over the IList would box an enumerator for every update.
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent { Details: var details })
            {
                return details;
            }
        }

        return null;
    }
}
