using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatwire.Core.Generation;

/// <summary>
/// The <see cref="IChatClient"/> for each provider name, and the fallback chain around it:
/// a model's own provider first, then <see cref="GenerationOptions.Fallback"/> in order.
/// </summary>
/// <remarks>
/// Each chain is an <see cref="ITextStreamingChatClient"/>, the engine's path for every token;
/// a provider that is not one is streamed through <see cref="TextStreamingAdapter"/>.
/// </remarks>
public sealed class ChatProviders
{
    private readonly Dictionary<string, ITextStreamingChatClient> _clients;
    private readonly Dictionary<string, ITextStreamingChatClient> _chains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _chainsLock = new();
    private readonly IReadOnlyList<string> _fallback;

    private readonly ILogger<FallbackChatClient> _fallbackLogger;

    public ChatProviders(IReadOnlyDictionary<string, IChatClient> clients, IOptions<GenerationOptions> options, ILogger<FallbackChatClient> fallbackLogger)
    {
        _fallbackLogger = fallbackLogger;
        _clients = clients.ToDictionary(c => c.Key, c => TextStreamingAdapter.Adapt(c.Value), StringComparer.OrdinalIgnoreCase);
        _fallback = options.Value.Fallback;
        foreach (var name in _fallback.Where(n => !_clients.ContainsKey(n)))
        {
            throw new InvalidOperationException($"Generation:Fallback names provider '{name}', which is not configured.");
        }
    }

    /// <summary>The client that answers for <paramref name="model"/>, wrapped in the fallback chain.</summary>
    public ITextStreamingChatClient For(ModelDefinition model)
    {
        lock (_chainsLock)
        {
            if (!_chains.TryGetValue(model.Provider, out var chain))
            {
                if (!_clients.TryGetValue(model.Provider, out var primary))
                {
                    throw new InvalidOperationException($"Model '{model.Name}' names provider '{model.Provider}', which is not configured.");
                }

                var backups = _fallback
                    .Where(n => !string.Equals(n, model.Provider, StringComparison.OrdinalIgnoreCase))
                    .Select(n => _clients[n])
                    .ToList();
                chain = backups.Count == 0 ? primary : new FallbackChatClient([primary, .. backups], _fallbackLogger);
                _chains[model.Provider] = chain;
            }

            return chain;
        }
    }
}
