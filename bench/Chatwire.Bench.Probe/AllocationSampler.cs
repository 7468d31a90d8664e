using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

/// <summary>
/// Adds up the runtime's allocation ticks (GCAllocationTick: the type of the object that crossed
/// each ~100 KB of allocation) by type, between <see cref="Start"/> and <see cref="Stop"/>. A sample,
/// not a count: types allocated often or in bulk show in proportion to their bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private static AllocationSampler? s_current;
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    /// <summary>Starts sampling (again, from zero); answers 0.</summary>
    public static long Start()
    {
        Interlocked.Exchange(ref s_current, new AllocationSampler())?.Dispose();
        return 0;
    }

    /// <summary>Stops sampling; the sampled bytes per type, largest first, as "bytes type" lines.</summary>
    public static string Stop()
    {
        var sampler = Interlocked.Exchange(ref s_current, null);
        if (sampler is null)
        {
            return "";
        }

        sampler.Dispose();
        var lines = new StringBuilder();
        foreach (var (type, bytes) in sampler._bytes.OrderByDescending(t => t.Value))
        {
            lines.Append(bytes.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(type).Append('\n');
        }

        return lines.ToString();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        var type = names.IndexOf("TypeName") is >= 0 and var t ? payload[t] as string : null;
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(payload[a], CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(type ?? "?", amount, (_, sum) => sum + amount);
    }
}
