using Chatwire.Core.Usage;

namespace Chatwire.Server.Hosting;

/// <summary>Quotas, credits and rate limits: the turn policies every wire's turns pass through.</summary>
public static class UsageServices
{
    public static IServiceCollection AddChatwireUsage(this IServiceCollection services)
    {
        services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.Section)
            .Validate(o => o.AnonymousDailyMessages >= 0 && o.StartingBalance >= 0, "Usage limits must not be negative.")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.AuthenticatedRequests > 0 && o.AnonymousRequests > 0 && o.Window > TimeSpan.Zero, "Rate limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<UsageAccounts>();
        services.AddSingleton<IRateLimiter, InMemoryRateLimiter>();

        // Admission runs in this order: the rate limit first, so a refused request spends no quota.
        services.AddSingleton<ITurnPolicy, RateLimitPolicy>();
        services.AddSingleton<ITurnPolicy, AnonymousQuotaPolicy>();
        services.AddSingleton<ITurnPolicy, CreditBalancePolicy>();
        return services;
    }
}
