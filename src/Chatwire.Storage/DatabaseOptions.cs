namespace Chatwire.Storage;

/// <summary>Where chats are stored; bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (default, a file under <see cref="DataDirectory"/>) or "PostgreSQL".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Overrides the default SQLite file; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and other local state; created on first start.</summary>
    public string DataDirectory { get; set; } = "data";

    public bool IsPostgreSql => Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
}
