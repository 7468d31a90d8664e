namespace Chatwire.Core.Usage;

/// <summary>Quotas and credits; bound from the <c>Usage</c> configuration section.</summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>Messages an anonymous visitor (x-anon-id) may send per UTC day; 0 turns anonymous chat off.</summary>
    public int AnonymousDailyMessages { get; set; } = 20;

    /// <summary>Credits a user's account starts with the first time it is seen.</summary>
    public decimal StartingBalance { get; set; } = 10m;
}
