using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.Runtime;

namespace Chatwire.Bench.Metrics;

/// <summary>
/// The live managed objects of a .NET process, by type: every object reachable from the roots,
/// read with ClrMD while the process is paused. Two censuses around opening N connections,
/// divided by N, say which types an idle connection keeps and how many bytes each costs.
/// </summary>
public sealed class HeapCensus
{
    private readonly Dictionary<string, (long Count, long Bytes)> _types;

    private HeapCensus(Dictionary<string, (long Count, long Bytes)> types) => _types = types;

    public static HeapCensus Take(int processId)
    {
        using var target = DataTarget.AttachToProcess(processId, suspend: true);
        using var runtime = target.ClrVersions[0].CreateRuntime();
        var heap = runtime.Heap;
        var seen = new HashSet<ulong>();
        var pending = new Stack<(ClrObject Item, string Holder)>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.IsValid && seen.Add(root.Object.Address))
            {
                pending.Push((root.Object, "a root"));
            }
        }

        var types = new Dictionary<string, (long Count, long Bytes)>();
        while (pending.TryPop(out var entry))
        {
            var (item, holder) = entry;
            var name = NameOf(item.Type?.Name ?? "?", holder);
            var (count, bytes) = types.GetValueOrDefault(name);
            types[name] = (count + 1, bytes + (long)item.Size);
            var itemType = item.Type?.Name ?? "?";
            foreach (var reference in item.EnumerateReferences(carefully: false, considerDependantHandles: true))
            {
                if (reference.IsValid && seen.Add(reference.Address))
                {
                    pending.Push((reference, itemType));
                }
            }
        }

        return new HeapCensus(types);
    }

    /// <summary>The types that grew most from <paramref name="before"/> to <paramref name="after"/>, per connection.</summary>
    public static string Report(HeapCensus before, HeapCensus after, int connections, int top)
    {
        var grown = after._types
            .Select(t => (Type: t.Key, Growth: Subtract(t.Value, before._types.GetValueOrDefault(t.Key))))
            .Where(t => t.Growth.Bytes > 0)
            .OrderByDescending(t => t.Growth.Bytes)
            .ToList();
        var total = grown.Sum(t => t.Growth.Bytes);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"  live heap growth per connection: {total / (double)connections:0} bytes; largest types:");
        report.AppendLine(CultureInfo.InvariantCulture, $"  {"bytes",8} {"objects",8}  type");
        foreach (var (type, (count, bytes)) in grown.Take(top))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {bytes / (double)connections,8:0} {count / (double)connections,8:0.00}  {Shorten(type)}");
        }

        return report.ToString();
    }

    // Strings, byte arrays and plain objects say little by themselves: they are counted under the
    // type of the object that first led the walk to them.
    private static string NameOf(string type, string holder) =>
        type is "System.String" or "System.Byte[]" or "System.Object" ? $"{type} in {Shorten(holder)}" : type;

    private static (long Count, long Bytes) Subtract((long Count, long Bytes) after, (long Count, long Bytes) before) =>
        (after.Count - before.Count, after.Bytes - before.Bytes);

    // Async state machine boxes have long generic names; the method is what matters.
    private static string Shorten(string type) =>
        type.Replace("System.Runtime.CompilerServices.", "", StringComparison.Ordinal)
            .Replace("System.Threading.Tasks.VoidTaskResult", "void", StringComparison.Ordinal);
}
