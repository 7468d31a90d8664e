using Chatwire.Core.Turns;
using Chatwire.Storage;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Hosting;

/// <summary>
/// At start, closes the answers an earlier run left streaming; then, every half of
/// <see cref="ChatEngineOptions.UnfinishedAnswerTimeout"/>, those streaming longer than that (a node of
/// a PostgreSQL cluster that died while others live on).
/// </summary>
/// <param name="startedAt">
/// When this server was built, before it could take a request. SQLite serves one process, so no
/// answer begun before then can still be streaming; a shared PostgreSQL database may have live
/// nodes, so there only the timeout tells.
/// </param>
public sealed partial class UnfinishedAnswerSweeper(
    UnfinishedAnswers answers,
    DatabaseOptions database,
    IOptions<ChatEngineOptions> options,
    TimeProvider time,
    ILogger<UnfinishedAnswerSweeper> logger,
    DateTimeOffset startedAt) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = options.Value.UnfinishedAnswerTimeout;
        var cutoff = database.IsPostgreSql ? time.GetUtcNow() - timeout : startedAt;
        using var timer = new PeriodicTimer(timeout / 2, time);
        do
        {
            try
            {
                if (await answers.CloseAsync(cutoff, stoppingToken) is > 0 and var closed)
                {
                    LogClosed(closed, cutoff);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly away; the next pass tries again.
                LogFailed(exception);
            }

            cutoff = time.GetUtcNow() - timeout;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "Closed {Count} answers left streaming by a server that stopped (begun before {Cutoff:o})")]
    private partial void LogClosed(int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Could not close unfinished answers; trying again later")]
    private partial void LogFailed(Exception exception);
}
