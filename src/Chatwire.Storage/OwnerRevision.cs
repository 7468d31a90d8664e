namespace Chatwire.Storage;

/// <summary>An owner's change counter: the revision the owner's latest message write took.</summary>
internal sealed class OwnerRevision
{
    public required string OwnerKey { get; init; }
    public long Revision { get; set; }
}
