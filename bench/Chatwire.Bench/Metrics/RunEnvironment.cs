using System.Diagnostics;
using System.Globalization;

namespace Chatwire.Bench.Metrics;

/// <summary>The facts a figure is meaningless without: when, which commit, which machine, how busy, which limits.</summary>
public sealed record RunEnvironment(string Date, string Commit, string Machine, string LoadAverage, string FileLimit, string Kernel)
{
    public static RunEnvironment Capture(string root, (ulong Soft, ulong Hard)? files) => new(
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        Git(root, "rev-parse --short HEAD") + (Git(root, "status --porcelain --untracked-files=no").Length > 0 ? " (modified)" : ""),
        $"{Environment.ProcessorCount} cores, {CpuModel()}, {MemoryGb()} GB RAM, .NET {Environment.Version}",
        Read("/proc/loadavg") is { Length: > 0 } load ? string.Join(' ', load.Split(' ').Take(3)) : "?",
        files is { } f ? $"{f.Soft} soft / {f.Hard} hard" : "?",
        $"ip_local_port_range {Read("/proc/sys/net/ipv4/ip_local_port_range").Replace('\t', '-')}, somaxconn {Read("/proc/sys/net/core/somaxconn")}, file-max {Read("/proc/sys/fs/file-max")}");

    /// <summary>The one-minute load average, to warn when the machine is too busy for figures to mean much.</summary>
    public double OneMinuteLoad => double.TryParse(LoadAverage.Split(' ')[0], CultureInfo.InvariantCulture, out var load) ? load : 0;

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private static string MemoryGb() =>
        (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024)).ToString("0", CultureInfo.InvariantCulture);

    private static string Git(string root, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", $"-C \"{root}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
