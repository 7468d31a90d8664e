using System.Text;

namespace Chatwire.Core.Text;

/// <summary>
/// One <see cref="StringBuilder"/> per thread for text built synchronously on every turn (the system
/// prompt, the offline answer): a new builder grows chunk by chunk, and those chunks were among the
/// largest things a turn allocated (docs/benchmarks.md, allocations). Only the final string is new.
/// </summary>
internal static class ReusableStringBuilder
{
    // Larger builders are let go rather than kept by every thread.
    private const int MaxKeptCapacity = 32 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    /// <summary>An empty builder: this thread's, unless it is in use (then a new one).</summary>
    public static StringBuilder Acquire()
    {
        var builder = t_cached;
        if (builder is null)
        {
            return new StringBuilder(1024);
        }

        t_cached = null;
        return builder.Clear();
    }

    /// <summary>The text built, with the builder given back to this thread.</summary>
    public static string ToStringAndRelease(StringBuilder builder)
    {
        var text = builder.ToString();
        Release(builder);
        return text;
    }

    /// <summary>Gives the builder back to this thread without taking its text.</summary>
    public static void Release(StringBuilder builder)
    {
        if (builder.Capacity <= MaxKeptCapacity)
        {
            t_cached = builder;
        }
    }
}
