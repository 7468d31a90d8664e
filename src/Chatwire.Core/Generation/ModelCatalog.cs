using Microsoft.Extensions.Options;

namespace Chatwire.Core.Generation;

/// <summary>Resolves the model a request names (or the default) to its definition.</summary>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, ModelDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ModelCatalog(IOptions<GenerationOptions> options)
    {
        var models = options.Value.Models.Count > 0
            ? options.Value.Models
            : [new ModelDefinition { Name = options.Value.DefaultModel, Provider = GenerationOptions.OfflineProvider }];
        foreach (var model in models)
        {
            _byName[model.Name] = model;
            foreach (var alias in model.Aliases)
            {
                _byName.TryAdd(alias, model);
            }
        }

        Default = _byName.GetValueOrDefault(options.Value.DefaultModel) ?? models[0];
        All = models;
    }

    public ModelDefinition Default { get; }

    public IReadOnlyList<ModelDefinition> All { get; }

    /// <summary>The named model, the default for null or blank, or null when unknown.</summary>
    public ModelDefinition? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Default : _byName.GetValueOrDefault(name.Trim());
}
