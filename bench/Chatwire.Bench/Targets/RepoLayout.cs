namespace Chatwire.Bench.Targets;

/// <summary>Where the servers the bench starts were built: next to the bench, in the same configuration.</summary>
public sealed class RepoLayout
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public RepoLayout(string? serverDll = null)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Chatwire.slnx")))
        {
            directory = directory.Parent;
        }

        Root = directory?.FullName ?? throw new InvalidOperationException("cannot find Chatwire.slnx above " + AppContext.BaseDirectory);
        ServerDll = serverDll ?? Output("src/Chatwire.Server", "Chatwire.Server.dll");
        FloorDll = Output("bench/peers/kestrel-floor", "KestrelFloor.dll");
        ProbeDll = Output("bench/Chatwire.Bench.Probe", "Chatwire.Bench.Probe.dll");
        Peers = Path.Combine(Root, "bench", "peers");
    }

    public string Root { get; }

    public string ServerDll { get; }

    public string FloorDll { get; }

    public string ProbeDll { get; }

    public string Peers { get; }

    private string Output(string project, string dll) => Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
}
