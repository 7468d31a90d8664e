namespace Chatwire.Core.Generation;

/// <summary>Models and upstream providers; bound from the <c>Generation</c> configuration section.</summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";
    public const string OfflineProvider = "offline";

    /// <summary>The model used when a request names none.</summary>
    public string DefaultModel { get; set; } = "chatwire-offline";

    /// <summary>The models clients may ask for. Empty means the built-in offline model only.</summary>
    public List<ModelDefinition> Models { get; set; } = [];

    /// <summary>OpenAI-compatible upstreams by name (OpenAI, OpenRouter, Ollama, vLLM, llama.cpp server).</summary>
    public Dictionary<string, OpenAiProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Providers tried in order when the chosen one fails before its first token, e.g. ["backup", "offline"].
    /// </summary>
    public List<string> Fallback { get; set; } = [];

    /// <summary>Pace of the offline responder in words per second; 0 streams as fast as possible.</summary>
    public double OfflineWordsPerSecond { get; set; } = 40;
}

/// <summary>One OpenAI-compatible endpoint.</summary>
public sealed class OpenAiProviderOptions
{
    /// <summary>Base URL including the version segment, e.g. https://openrouter.ai/api/v1 or http://127.0.0.1:11434/v1.</summary>
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>Give up when the upstream sends nothing for this long: before its answer starts, or between two chunks.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
