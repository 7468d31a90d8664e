namespace Chatwire.Storage.Bus;

/// <summary>How notifications cross connections and nodes; bound from the <c>Bus</c> configuration section.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>"InMemory" (default: one node) or "PostgreSQL" (LISTEN/NOTIFY: several nodes sharing one database).</summary>
    public string Provider { get; set; } = "InMemory";

    /// <summary>The PostgreSQL database to LISTEN/NOTIFY on; defaults to <c>Database:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The NOTIFY channel; every node of one deployment must use the same.</summary>
    public string Channel { get; set; } = "chatwire_bus";

    /// <summary>This node's name on the bus (it ignores its own echoes); a random one by default.</summary>
    public string? NodeId { get; set; }

    /// <summary>Longest wait between attempts to get the listening connection back.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long start-up waits for the first LISTEN before serving anyway (the listener keeps trying).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsPostgreSql => Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
}
