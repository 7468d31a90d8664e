namespace Chatwire.Core.Turns;

/// <summary>New ids: UUID v7, so ids sort by creation time in every store.</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString();
}
