using System.Text;
using Chatwire.Core.Notifications;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chatwire.Storage.Bus;

/// <summary>
/// The bus across nodes: <c>NOTIFY</c> on publish, one dedicated <c>LISTEN</c>ing connection per
/// node. Local subscribers get a notification at once; other nodes get it from PostgreSQL (a node
/// ignores its own echo by the node id prefixed to each payload). When the listening connection
/// drops, it is reopened with backoff and subscribers get <see cref="BusResynchronized"/>, so they
/// re-read from the store whatever was published while nobody listened.
/// </summary>
public sealed partial class PostgresChatBus : IChatBus, IAsyncDisposable
{
    /// <summary>PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.</summary>
    public const int MaxPayloadBytes = 7999;

    private const char Separator = '|';
    private readonly NpgsqlDataSource _publisher;
    private readonly string _listenConnectionString;
    private readonly NotificationDispatcher _dispatcher;
    private readonly BusOptions _options;
    private readonly ILogger<PostgresChatBus> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _startLock = new();
    private Task? _loop;
    private int _reconnections;
    private int _disposed;

    public PostgresChatBus(string connectionString, BusOptions options, NotificationDispatcher dispatcher, ILogger<PostgresChatBus> logger)
    {
        if (!IsValidChannel(options.Channel))
        {
            throw new InvalidOperationException("Bus:Channel must be a lower-case identifier (letters, digits, '_').");
        }

        _options = options;
        _dispatcher = dispatcher;
        _logger = logger;
        NodeId = string.IsNullOrWhiteSpace(options.NodeId) ? Guid.NewGuid().ToString("N")[..12] : options.NodeId;
        _publisher = NpgsqlDataSource.Create(connectionString);
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // A dedicated connection: a broken one must not go back to a pool, and keepalives let an
            // idle LISTEN notice a dead server instead of waiting forever.
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = ListenerApplicationName(NodeId),
        }.ConnectionString;
    }

    public string NodeId { get; }

    /// <summary>How many times the listening connection was lost and got back.</summary>
    public int Reconnections => Volatile.Read(ref _reconnections);

    /// <summary>The <c>application_name</c> of a node's listening connection (operators can find it in <c>pg_stat_activity</c>).</summary>
    public static string ListenerApplicationName(string nodeId)
    {
        var name = "chatwire-bus-" + nodeId;
        return name.Length > 63 ? name[..63] : name;
    }

    /// <summary>Starts listening and waits (up to <see cref="BusOptions.StartTimeout"/>) until the first LISTEN is in place.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_startLock)
        {
            _loop ??= Task.Run(ListenLoopAsync, CancellationToken.None);
        }

        try
        {
            await _listening.Task.WaitAsync(_options.StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogStartTimedOut(_options.StartTimeout);
        }
    }

    public async ValueTask PublishAsync(ChatNotification notification, CancellationToken cancellationToken)
    {
        _dispatcher.Dispatch(notification);
        if (notification is BusResynchronized)
        {
            return;
        }

        var payload = NodeId + Separator + ChatNotificationJson.Serialize(notification);
        if (Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            // Notifications carry ids and small deltas; one this large is a bug, not a reason to fail a turn.
            LogPayloadTooLarge(notification.GetType().Name, Encoding.UTF8.GetByteCount(payload));
            return;
        }

        try
        {
            await using var command = _publisher.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = _options.Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = payload });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Delivered here already; other nodes re-read the store when their listener resynchronises.
            LogPublishFailed(exception, notification.GetType().Name);
        }
    }

    public IDisposable Subscribe(string ownerKey, Action<ChatNotification> handler) => _dispatcher.Subscribe(ownerKey, handler);

    public IDisposable SubscribeAll(Action<ChatNotification> handler) => _dispatcher.SubscribeAll(handler);

    private async Task ListenLoopAsync()
    {
        var token = _stopping.Token;
        var failures = 0;
        var connectedBefore = false;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(token);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {_options.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(token);
                }

                failures = 0;
                if (connectedBefore)
                {
                    // Listening again: anything published while we were not is only in the store now.
                    Interlocked.Increment(ref _reconnections);
                    LogListenerRestored();
                    _dispatcher.Dispatch(new BusResynchronized());
                }

                connectedBefore = true;
                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenerLost(exception);
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxReconnectDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures++, 10))));
                try
                {
                    await Task.Delay(delay, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args)
    {
        var payload = args.Payload;
        var separator = payload.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || payload.AsSpan(0, separator).SequenceEqual(NodeId))
        {
            return;
        }

        if (ChatNotificationJson.Deserialize(payload[(separator + 1)..]) is { } notification and not BusResynchronized)
        {
            _dispatcher.Dispatch(notification);
        }
        else
        {
            LogUnreadableNotification(payload.Length);
        }
    }

    private static bool IsValidChannel(string channel) =>
        channel.Length is > 0 and <= 63 && (char.IsAsciiLetterLower(channel[0]) || channel[0] == '_')
        && channel.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    public async ValueTask DisposeAsync()
    {
        // The container may hold this instance under two service types and dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        await _publisher.DisposeAsync();
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "The bus listener lost its PostgreSQL connection; reconnecting")]
    private partial void LogListenerLost(Exception exception);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "The bus listener is listening again; subscribers resynchronise")]
    private partial void LogListenerRestored();

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Publishing {Notification} to other nodes failed")]
    private partial void LogPublishFailed(Exception exception, string notification);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "{Notification} is {Bytes} bytes, over NOTIFY's limit; other nodes will not get it")]
    private partial void LogPayloadTooLarge(string notification, int bytes);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Ignored an unreadable bus notification of {Length} characters")]
    private partial void LogUnreadableNotification(int length);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "The bus listener did not start within {Timeout}; serving anyway, it keeps trying")]
    private partial void LogStartTimedOut(TimeSpan timeout);
}
