using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded by the runtime before <c>Main</c> when <c>DOTNET_STARTUP_HOOKS</c> names this assembly
/// (the runtime requires this exact type name in the global namespace). When
/// <c>CHATWIRE_BENCH_PROBE</c> names a Unix socket path, it answers each connection's one-byte
/// question with one line: for <c>h</c> the managed heap in bytes after a full blocking collection,
/// for <c>a</c> the bytes allocated since the process started (no collection); <c>s</c> starts
/// sampling allocations by type (the runtime's allocation tick, about one per 100 KB) and <c>t</c>
/// answers the sampled bytes per type, one per line, and stops. So the bench can measure heap per
/// connection and allocation per token frame of a server it did not write a stats endpoint for.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks the hook up as the global type StartupHook.")]
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("CHATWIRE_BENCH_PROBE");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);

        // A plain background thread: it must not depend on the app's thread pool being healthy under load.
        var thread = new Thread(() => Serve(listener)) { IsBackground = true, Name = "bench-probe" };
        thread.Start();
    }

    private static void Serve(Socket listener)
    {
        while (true)
        {
            using var client = listener.Accept();
            var question = new byte[1];
            var answer = (client.Receive(question) == 1 ? question[0] : (byte)'h') switch
            {
                (byte)'a' => Line(GC.GetTotalAllocatedBytes(precise: true)),
                (byte)'s' => Line(AllocationSampler.Start()),
                (byte)'t' => AllocationSampler.Stop(),
                _ => Line(HeapAfterCollection()),
            };
            client.Send(Encoding.ASCII.GetBytes(answer));
        }
    }

    private static string Line(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n";

    private static long HeapAfterCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
