namespace Chatwire.Core.Usage;

/// <summary>
/// Turn requests allowed per identity and window; bound from the <c>RateLimits</c> section.
/// Defaults are seed 003's: 100 per 15 minutes authenticated, 20 anonymous.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    public int AuthenticatedRequests { get; set; } = 100;

    public int AnonymousRequests { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
