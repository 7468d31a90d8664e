using System.Globalization;

namespace Chatwire.Bench.Metrics;

/// <summary>Resident memory and CPU time of a process, from <c>/proc</c> (Linux).</summary>
public readonly record struct ProcessStats(long RssBytes, double CpuSeconds)
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcessStats Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kilobytes = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return new ProcessStats(kilobytes * 1024, cpu);
        }
        catch (Exception exception) when (exception is IOException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return default;
        }
    }

    public static ProcessStats Sum(IEnumerable<int> pids) =>
        pids.Select(Read).Aggregate(default(ProcessStats), (a, b) => new ProcessStats(a.RssBytes + b.RssBytes, a.CpuSeconds + b.CpuSeconds));
}
