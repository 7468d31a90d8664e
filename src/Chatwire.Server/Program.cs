using Chatwire.Server;
using Chatwire.Server.Cli;

if (args.Length > 0 && CommandLine.TryRun(args, out var exitCode))
{
    return await exitCode;
}

var app = ChatwireApp.Build(args);
await ChatwireApp.RunAsync(app);
return 0;
