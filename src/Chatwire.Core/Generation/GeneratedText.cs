using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation;

/// <summary>
/// One piece of a streamed answer from an <see cref="ITextStreamingChatClient"/>: its text, and on
/// the last piece what the provider reports about the whole answer.
/// </summary>
/// <remarks>
/// A struct, not an object per token: an async iterator yielding it reuses its one enumerator
/// for every piece, where <see cref="ChatResponseUpdate"/> costs an update, a content, a list and
/// an array per token (docs/benchmarks.md).
/// </remarks>
public readonly struct GeneratedText(string text, UsageDetails? usage = null, IReadOnlyList<string>? sources = null)
{
    private readonly string? _text = text;

    /// <summary>The text to append to the answer; empty on a piece that only reports.</summary>
    public string Text => _text ?? "";

    /// <summary>The answer's token counts, when the provider reports them (on the last piece).</summary>
    public UsageDetails? Usage { get; } = usage;

    /// <summary>
    /// The documents the answer drew on, when the provider knows them (on the last piece); the engine
    /// cites these rather than everything retrieval returned.
    /// </summary>
    public IReadOnlyList<string>? Sources { get; } = sources;
}
