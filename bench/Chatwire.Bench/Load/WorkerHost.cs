using System.Globalization;

namespace Chatwire.Bench.Load;

/// <summary>The worker process side (<c>Chatwire.Bench worker</c>): runs commands from stdin on one <see cref="LoadWorker"/>.</summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync()
    {
        FileLimit.Raise();
        var spec = WorkerProtocol.Decode<WorkerSpec>(await Console.In.ReadLineAsync() ?? throw new InvalidDataException("no worker spec on stdin"));
        await using var worker = new LoadWorker(spec);
        while (await Console.In.ReadLineAsync() is { } command)
        {
            try
            {
                if (command == WorkerProtocol.Connect)
                {
                    Answer(await worker.ConnectAsync(CancellationToken.None));
                }
                else if (command.StartsWith(WorkerProtocol.Stream, StringComparison.Ordinal))
                {
                    var seconds = double.Parse(command[WorkerProtocol.Stream.Length..], CultureInfo.InvariantCulture);
                    Answer(await worker.StreamAsync(TimeSpan.FromSeconds(seconds), CancellationToken.None));
                }
                else if (command == WorkerProtocol.Close)
                {
                    break;
                }
            }
            catch (Exception exception)
            {
                await Console.Out.WriteLineAsync(WorkerProtocol.Fail + exception.Message.ReplaceLineEndings(" "));
            }
        }

        await worker.DisposeAsync();
        await Console.Out.WriteLineAsync(WorkerProtocol.Closed);
        return 0;
    }

    private static void Answer(WorkerReport report) => Console.Out.WriteLine(WorkerProtocol.Report + WorkerProtocol.Encode(report));
}
