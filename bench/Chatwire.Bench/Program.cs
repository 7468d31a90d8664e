using Chatwire.Bench.Cli;
using Chatwire.Bench.Load;
using Chatwire.Bench.Upstream;

// dotnet run -c Release --project bench/Chatwire.Bench -- <idle|burst|paced|upstream> [options]
// Internal: `worker` (a loader process started by the bench), `fake-upstream` (the OpenAI-compatible fake).
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage.Text);
    return args.Length == 0 ? 2 : 0;
}

try
{
    return args[0] switch
    {
        "worker" => await WorkerHost.RunAsync(),
        "fake-upstream" => await FakeUpstream.RunAsync(CommandLine.Pairs(args[1..])),
        _ => await BenchCommand.RunAsync(args[0], args[1..]),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Usage.Text);
    return 2;
}
