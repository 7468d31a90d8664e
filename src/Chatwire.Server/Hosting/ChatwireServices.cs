using Chatwire.Core.Agents;
using Chatwire.Core.Brands;
using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Chatwire.Core.Generation.OpenAiCompatible;
using Chatwire.Core.Retrieval;
using Chatwire.Core.Turns;
using Chatwire.Server.Auth;
using Chatwire.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Chatwire.Server.Hosting;

/// <summary>Composes the engine and its parts from configuration.</summary>
public static class ChatwireServices
{
    public static IServiceCollection AddChatwireEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ChatEngineOptions>().BindConfiguration(ChatEngineOptions.Section)
            .Validate(o => o.MaxMessageLength > 0 && o.ContextMessages >= 0 && o.RetrievalLimit > 0 && o.UnfinishedAnswerTimeout > TimeSpan.Zero, "Chat limits must be positive.")
            .ValidateOnStart();
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.Section)
            .Validate(o => o.OfflineWordsPerSecond >= 0, "Generation:OfflineWordsPerSecond must be 0 or more.")
            .ValidateOnStart();

        var brandsPath = ResolveBrandsDirectory(configuration["Brands:Path"] ?? "brands");
        services.AddSingleton<IBrandCatalog>(new BrandCatalog(BrandLoader.LoadAll(brandsPath)));
        services.AddSingleton<KnowledgeIndexCache>();
        services.AddSingleton<ILanguageDetector, LanguageDetector>();
        services.AddSingleton<IKnowledgeRetriever, Bm25KnowledgeRetriever>();
        services.AddSingleton<IAgentRouter, KeywordAgentRouter>();
        services.AddSingleton<IProductRecommender, CatalogProductRecommender>();

        services.AddSingleton<ModelCatalog>();
        services.AddSingleton(sp =>
        {
            var generation = sp.GetRequiredService<IOptions<GenerationOptions>>();
            return new ChatProviders(CreateProviders(generation.Value), generation, sp.GetRequiredService<ILogger<FallbackChatClient>>());
        });
        services.AddSingleton<TurnRegistry>();
        services.AddSingleton<ChatEngine>();
        return services;
    }

    /// <summary>Closes answers a stopped server left streaming; call while building the app, before it can take requests.</summary>
    public static IServiceCollection AddUnfinishedAnswerSweeper(this IServiceCollection services)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        services.AddSingleton<UnfinishedAnswers>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<UnfinishedAnswerSweeper>(provider, startedAt));
        return services;
    }

    public static IServiceCollection AddChatwireAuth(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(options);
        services.AddSingleton(sp => new TokenService(options, TokenService.LoadOrCreateKey(options, database.DataDirectory), sp.GetRequiredService<TimeProvider>(),
            string.IsNullOrWhiteSpace(options.Authority) ? null : TokenService.CreateAuthority(options)));
        services.AddSingleton<HttpIdentityResolver>();
        services.AddSingleton(new OriginPolicy(configuration.GetSection(OriginOptions.Section).Get<OriginOptions>() ?? new OriginOptions()));
        return services;
    }

    private static Dictionary<string, IChatClient> CreateProviders(GenerationOptions options)
    {
        var clients = new Dictionary<string, IChatClient>(StringComparer.OrdinalIgnoreCase)
        {
            [GenerationOptions.OfflineProvider] = new OfflineResponder(new OfflineResponderOptions { WordsPerSecond = options.OfflineWordsPerSecond }),
        };
        foreach (var (name, provider) in options.Providers)
        {
            if (string.IsNullOrWhiteSpace(provider.BaseUrl))
            {
                throw new InvalidOperationException($"Generation:Providers:{name}:BaseUrl is required.");
            }

            var defaultModel = options.Models.FirstOrDefault(m => m.Provider.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } model
                ? model.UpstreamModel ?? model.Name
                : "gpt-4o-mini";
            clients[name] = new OpenAiCompatibleChatClient(provider, defaultModel);
        }

        return clients;
    }

    /// <summary>The brands folder: as configured relative to the working directory, else beside the executable.</summary>
    private static string ResolveBrandsDirectory(string configured)
    {
        if (Path.IsPathRooted(configured) || Directory.Exists(configured))
        {
            return Path.GetFullPath(configured);
        }

        return Path.Combine(AppContext.BaseDirectory, configured);
    }
}
