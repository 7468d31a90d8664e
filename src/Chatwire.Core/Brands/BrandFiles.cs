using System.Text.Json.Serialization;

namespace Chatwire.Core.Brands;

// The on-disk shape of brand.json and products.json (snake_case). Kept apart from the domain
// records so that a file's optional fields stay nullable here and get their defaults in one place,
// BrandLoader, which also names the file and field when something is missing.

internal sealed class BrandFile
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool? Active { get; set; }
    public string? DefaultLanguage { get; set; }
    public List<string>? Languages { get; set; }
    public string? Currency { get; set; }
    public Dictionary<string, string>? Welcome { get; set; }
    public string? DefaultAgent { get; set; }
    public List<AgentFile>? Agents { get; set; }
}

internal sealed class AgentFile
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string>? Keywords { get; set; }
    public string? SystemPrompt { get; set; }
}

internal sealed class ProductFile
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public decimal? Price { get; set; }
    public List<string>? Features { get; set; }
    public Dictionary<string, string>? Specifications { get; set; }
    public bool? Availability { get; set; }
    public List<string>? UseCases { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BrandFile))]
[JsonSerializable(typeof(List<ProductFile>))]
internal sealed partial class BrandJsonContext : JsonSerializerContext;
