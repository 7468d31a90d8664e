using System.Diagnostics;
using System.Globalization;

namespace Chatwire.Bench.Load;

/// <summary>A share driven by a worker process (this same program with <c>worker</c>), for more connections than one process may hold files.</summary>
public sealed class ChildLoader : ILoader
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ChildLoader(WorkerSpec spec)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildLoader).Assembly.Location);
        start.ArgumentList.Add("worker");
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start a worker process");
        _process.StandardInput.AutoFlush = true;
        _process.StandardInput.WriteLine(WorkerProtocol.Encode(spec));
    }

    public int ProcessId => _process.Id;

    public Task<WorkerReport> ConnectAsync(CancellationToken cancellationToken) => AskAsync(WorkerProtocol.Connect, cancellationToken);

    public Task<WorkerReport> StreamAsync(TimeSpan window, CancellationToken cancellationToken) =>
        AskAsync(WorkerProtocol.Stream + window.TotalSeconds.ToString(CultureInfo.InvariantCulture), cancellationToken);

    private async Task<WorkerReport> AskAsync(string command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith(WorkerProtocol.Report, StringComparison.Ordinal))
                {
                    return WorkerProtocol.Decode<WorkerReport>(line[WorkerProtocol.Report.Length..]);
                }

                if (line.StartsWith(WorkerProtocol.Fail, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"worker {_process.Id}: {line[WorkerProtocol.Fail.Length..]}");
                }
            }

            throw new InvalidOperationException($"worker {_process.Id} exited");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(WorkerProtocol.Close);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _gate.Dispose();
    }
}
