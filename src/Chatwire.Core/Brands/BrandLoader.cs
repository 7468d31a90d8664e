using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Chatwire.Core.Brands;

/// <summary>
/// Reads brand packs: <c>&lt;dir&gt;/&lt;id&gt;/brand.json</c>, an optional <c>products.json</c> and
/// optional <c>knowledge/*.md</c>. Bad data fails start-up with an <see cref="InvalidDataException"/>
/// naming the file and the field, since a half-loaded brand would answer wrongly and quietly.
/// </summary>
public static class BrandLoader
{
    public const string BrandFileName = "brand.json";
    public const string ProductsFileName = "products.json";
    public const string KnowledgeFolderName = "knowledge";

    /// <summary>Every brand in the subfolders of <paramref name="brandsDirectory"/>, ordered by folder name.</summary>
    public static IReadOnlyList<Brand> LoadAll(string brandsDirectory)
    {
        if (!Directory.Exists(brandsDirectory))
        {
            throw new DirectoryNotFoundException($"Brands directory '{brandsDirectory}' does not exist.");
        }

        var folders = Directory.GetDirectories(brandsDirectory);
        Array.Sort(folders, StringComparer.Ordinal);
        var brands = new List<Brand>(folders.Length);
        foreach (var folder in folders)
        {
            brands.Add(Load(folder));
        }

        return brands;
    }

    /// <summary>The brand in one folder; the folder name must equal the brand's id.</summary>
    public static Brand Load(string brandDirectory)
    {
        var brandPath = Path.Combine(brandDirectory, BrandFileName);
        if (!File.Exists(brandPath))
        {
            throw new InvalidDataException($"{brandPath}: file is missing; every brand folder needs a {BrandFileName}.");
        }

        var file = Read(brandPath, BrandJsonContext.Default.BrandFile)
            ?? throw new InvalidDataException($"{brandPath}: file is empty (null).");
        var id = Required(brandPath, "id", file.Id);
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(brandDirectory));
        if (id != folderName)
        {
            throw new InvalidDataException($"{brandPath}: field 'id' is '{id}' but the folder is '{folderName}'; they must match.");
        }

        var agents = ReadAgents(brandPath, file.Agents);
        var defaultAgent = Required(brandPath, "default_agent", file.DefaultAgent);
        if (!agents.Any(agent => agent.Id == defaultAgent))
        {
            throw new InvalidDataException($"{brandPath}: field 'default_agent' names '{defaultAgent}', which is not one of the agents.");
        }

        var defaultLanguage = file.DefaultLanguage ?? "en";
        var languages = file.Languages is { Count: > 0 } listed ? listed : [defaultLanguage];
        if (!languages.Contains(defaultLanguage))
        {
            throw new InvalidDataException($"{brandPath}: field 'default_language' is '{defaultLanguage}' but 'languages' does not list it.");
        }

        var currency = file.Currency ?? "USD";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new InvalidDataException($"{brandPath}: field 'currency' must be an ISO 4217 code such as IDR or USD, not '{currency}'.");
        }

        return new Brand
        {
            Id = id,
            Name = Required(brandPath, "name", file.Name),
            Description = file.Description ?? "",
            Active = file.Active ?? true,
            DefaultLanguage = defaultLanguage,
            Languages = languages,
            Currency = currency,
            Welcome = file.Welcome ?? [],
            DefaultAgent = defaultAgent,
            Agents = agents,
            Products = ReadProducts(Path.Combine(brandDirectory, ProductsFileName)),
            Passages = ReadKnowledge(Path.Combine(brandDirectory, KnowledgeFolderName), agents, languages),
        };
    }

    private static List<BrandAgent> ReadAgents(string path, List<AgentFile>? files)
    {
        if (files is not { Count: > 0 })
        {
            throw new InvalidDataException($"{path}: field 'agents' must list at least one agent.");
        }

        var agents = new List<BrandAgent>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var agent = files[i];
            var agentId = Required(path, $"agents[{i}].id", agent.Id);
            if (agents.Any(existing => existing.Id == agentId))
            {
                throw new InvalidDataException($"{path}: field 'agents[{i}].id' repeats the agent id '{agentId}'.");
            }

            agents.Add(new BrandAgent
            {
                Id = agentId,
                Name = Required(path, $"agents[{i}].name", agent.Name),
                Description = agent.Description ?? "",
                Keywords = agent.Keywords ?? [],
                SystemPrompt = agent.SystemPrompt ?? "",
            });
        }

        return agents;
    }

    private static List<Product> ReadProducts(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var files = Read(path, BrandJsonContext.Default.ListProductFile) ?? [];
        var products = new List<Product>(files.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var product = files[i];
            var productId = Required(path, $"[{i}].id", product.Id);
            if (!ids.Add(productId))
            {
                throw new InvalidDataException($"{path}: field '[{i}].id' repeats the product id '{productId}'.");
            }

            var price = product.Price ?? throw new InvalidDataException($"{path}: field '[{i}].price' is missing.");
            if (price < 0)
            {
                throw new InvalidDataException($"{path}: field '[{i}].price' must not be negative.");
            }

            products.Add(new Product
            {
                Id = productId,
                Name = Required(path, $"[{i}].name", product.Name),
                Description = product.Description ?? "",
                Category = product.Category ?? "",
                Price = price,
                Features = product.Features ?? [],
                Specifications = product.Specifications ?? [],
                Availability = product.Availability ?? true,
                UseCases = product.UseCases ?? [],
            });
        }

        return products;
    }

    private static List<KnowledgePassage> ReadKnowledge(string folder, List<BrandAgent> agents, IReadOnlyList<string> languages)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = Directory.GetFiles(folder, "*.md");
        Array.Sort(files, StringComparer.Ordinal);
        var passages = new List<KnowledgePassage>();
        foreach (var path in files)
        {
            var fileName = Path.GetFileName(path);
            var parsed = KnowledgeMarkdown.Parse(fileName, File.ReadAllText(path));
            foreach (var passage in parsed)
            {
                if (passage.Agent is { } agent && !agents.Any(a => a.Id == agent))
                {
                    throw new InvalidDataException($"{path}: front matter field 'agent' names '{agent}', which is not one of the brand's agents.");
                }

                if (!languages.Contains(passage.Language))
                {
                    throw new InvalidDataException($"{path}: language '{passage.Language}' is not in the brand's 'languages'.");
                }
            }

            passages.AddRange(parsed);
        }

        return passages;
    }

    private static T? Read<T>(string path, JsonTypeInfo<T> type)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, type);
        }
        catch (JsonException ex)
        {
            // ex.Path is the JSON path of the offending field, e.g. $.agents[0].keywords.
            throw new InvalidDataException($"{path}: invalid JSON at '{ex.Path ?? "$"}': {ex.Message}", ex);
        }
    }

    private static string Required(string path, string field, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidDataException($"{path}: field '{field}' is required.")
            : value;
}
