using Chatwire.Core.Turns;

namespace Chatwire.Server.Tests.Support;

/// <summary>Runs of the engine read to their end.</summary>
internal static class EngineRuns
{
    /// <summary>Every event of the turn, in order; fails the test when the turn takes longer than <paramref name="timeout"/>.</summary>
    public static async Task<List<ChatEvent>> CollectAsync(IAsyncEnumerable<ChatEvent> events, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var list = new List<ChatEvent>();
        await foreach (var chatEvent in events.WithCancellation(cancellation.Token))
        {
            list.Add(chatEvent);
        }

        return list;
    }
}
