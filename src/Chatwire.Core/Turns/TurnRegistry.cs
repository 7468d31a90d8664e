using System.Collections.Concurrent;
using Chatwire.Core.Usage;

namespace Chatwire.Core.Turns;

/// <summary>The turns generating in this process, findable by stream id or assistant message id so they can be stopped.</summary>
public sealed class TurnRegistry
{
    private readonly ConcurrentDictionary<string, RunningTurn> _turns = new(StringComparer.Ordinal);

    public int Count => _turns.Count / 2;

    internal void Add(RunningTurn turn)
    {
        _turns[turn.StreamId] = turn;
        _turns[turn.AssistantMessageId] = turn;
    }

    internal void Remove(RunningTurn turn)
    {
        _turns.TryRemove(new KeyValuePair<string, RunningTurn>(turn.StreamId, turn));
        _turns.TryRemove(new KeyValuePair<string, RunningTurn>(turn.AssistantMessageId, turn));
    }

    /// <summary>
    /// Stops the turn with this stream id or assistant message id if it runs here and belongs to
    /// <paramref name="requester"/>. Returns false when no such turn of theirs is running.
    /// </summary>
    public bool TryStop(string streamOrMessageId, ChatIdentity requester) => TryStop(streamOrMessageId, requester.Key);

    /// <summary>As <see cref="TryStop(string, ChatIdentity)"/>, for an owner known only by key (a stop request from another node).</summary>
    public bool TryStop(string streamOrMessageId, string ownerKey)
    {
        if (!_turns.TryGetValue(streamOrMessageId, out var turn) || turn.Identity.Key != ownerKey)
        {
            return false;
        }

        turn.Stop();
        return true;
    }

    /// <summary>The running turns of one identity (for "stop everything of mine" and for typing indicators).</summary>
    public IEnumerable<RunningTurn> OwnedBy(string identityKey) =>
        _turns.Values.Where(t => t.Identity.Key == identityKey).Distinct();
}
