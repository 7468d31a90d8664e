using System.Text.Json.Serialization;
using Chatwire.Core.Usage;

namespace Chatwire.Server.Protocols.Rest;

/// <summary>
/// A caller's usage as every wire shows it (<c>usage_info</c>): anonymous visitors see
/// used / limit / remaining / resets_at, users see their balance (and what the last turn cost).
/// </summary>
public sealed record UsageView(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Used,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Limit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Remaining,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ResetsAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Balance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Charged,
    bool Anonymous)
{
    public static UsageView From(UsageSnapshot usage) =>
        new(usage.Used, usage.Limit, usage.Remaining, usage.ResetsAt, usage.Balance, usage.Charged, usage.IsAnonymous);
}
