using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation.Offline;

/// <summary>
/// An <see cref="IChatClient"/> that needs no model: it answers from the <see cref="Grounding"/>
/// the engine found (<see cref="GroundedAnswerComposer"/>) and streams the answer word by word.
/// Each piece's text is one word with its leading whitespace, so the pieces concatenate to the
/// exact answer; the last piece carries only the token usage and the sources the answer drew on.
/// Written as an <see cref="ITextStreamingChatClient"/>; its updates are those pieces.
/// </summary>
/// <remarks>
/// Token counts are estimated, as no tokenizer is involved: whitespace-separated words × 4 / 3,
/// rounded up (about 0.75 words per token for English). Input counts the text of every message
/// sent, output the answer.
/// </remarks>
public sealed class OfflineResponder(OfflineResponderOptions responderOptions) : ITextStreamingChatClient
{
    public const string ProviderName = "chatwire-offline";

    private readonly OfflineResponderOptions _options = responderOptions;
    private readonly ChatClientMetadata _metadata = new(ProviderName, providerUri: null, responderOptions.ModelId);

    public OfflineResponder()
        : this(new OfflineResponderOptions())
    {
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GeneratedTextUpdates.ToUpdatesAsync(GetStreamingTextAsync(messages, options, cancellationToken), options?.ModelId ?? _options.ModelId, ChatFinishReason.Stop, cancellationToken);

    public async IAsyncEnumerable<GeneratedText> GetStreamingTextAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var input = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var grounding = options?.AdditionalProperties?.TryGetValue(Grounding.OptionsKey, out var value) == true ? value as Grounding : null;
        var question = LastUserText(input);
        var answer = GroundedAnswerComposer.Compose(grounding, question, out var sources);
        using var pace = Pace(_options.WordsPerSecond);

        var start = 0;
        while (start < answer.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = NextWordEnd(answer, start);
            yield return new GeneratedText(answer[start..end]);
            start = end;
            if (pace is not null && start < answer.Length)
            {
                // A PeriodicTimer tick allocates nothing, unlike a Task.Delay per word.
                await pace.WaitForNextTickAsync(cancellationToken);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var inputTokens = EstimateTokens(input);
        var outputTokens = EstimateTokens(answer);

        // The engine cites what the answer drew on, not everything retrieval returned.
        yield return new GeneratedText("", new UsageDetails
        {
            InputTokenCount = inputTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = inputTokens + outputTokens,
        }, sources);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    /// <summary>A timer ticking once per word; none for 0 or for paces a timer cannot keep (over 1000 words a second).</summary>
    private static PeriodicTimer? Pace(double wordsPerSecond)
    {
        var interval = wordsPerSecond > 0 ? TimeSpan.FromSeconds(1 / wordsPerSecond) : TimeSpan.Zero;
        return interval >= TimeSpan.FromMilliseconds(1) ? new PeriodicTimer(interval) : null;
    }

    /// <summary>Whitespace-separated words × 4 / 3, rounded up.</summary>
    internal static long EstimateTokens(string text) => WordsToTokens(CountWords(text));

    private static long EstimateTokens(IReadOnlyList<ChatMessage> messages)
    {
        long words = 0;
        foreach (var message in messages)
        {
            words += CountWords(message.Text);
        }

        return WordsToTokens(words);
    }

    private static long WordsToTokens(long words) => ((words * 4) + 2) / 3;

    private static long CountWords(string text)
    {
        long words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                words++;
            }

            inWord = !isSpace;
        }

        return words;
    }

    /// <summary>The end of the chunk starting at <paramref name="start"/>: its leading whitespace, then one word.</summary>
    internal static int NextWordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static string LastUserText(IReadOnlyList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                return messages[i].Text;
            }
        }

        return "";
    }
}
