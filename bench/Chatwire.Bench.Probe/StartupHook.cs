using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded by the runtime before <c>Main</c> when <c>DOTNET_STARTUP_HOOKS</c> names this assembly
/// (the runtime requires this exact type name in the global namespace). When
/// <c>CHATWIRE_BENCH_PROBE</c> names a Unix socket path, it answers each connection with one line:
/// the managed heap in bytes after a full blocking collection, so the bench can measure heap per
/// connection of a server it did not write the stats endpoint for.
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
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            client.Send(Encoding.ASCII.GetBytes(heap.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"));
        }
    }
}
