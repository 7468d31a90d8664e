using System.Runtime.InteropServices;

namespace Chatwire.Bench.Load;

/// <summary>
/// The open-file limit (RLIMIT_NOFILE): every connection is a file descriptor on both ends. The
/// bench raises its soft limit to the hard one at start; servers it starts inherit it.
/// </summary>
public static partial class FileLimit
{
    private const int RlimitNofile = 7;

    /// <summary>Raises the soft limit to the hard limit; returns (soft, hard) afterwards, or null off Linux.</summary>
    public static (ulong Soft, ulong Hard)? Raise()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current < limit.Maximum)
        {
            var raised = limit with { Current = limit.Maximum };
            if (SetRLimit(RlimitNofile, in raised) == 0)
            {
                limit = raised;
            }
        }

        return (limit.Current, limit.Maximum);
    }

    [StructLayout(LayoutKind.Sequential)]
    private record struct RLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
