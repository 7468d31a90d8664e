namespace Chatwire.Server.Protocols.Sse;

/// <summary>
/// An event's <c>id:</c>, <c>{prefix}:{sequence}</c>. Kept as its two parts and written straight
/// into the output, so numbering an event builds no string.
/// </summary>
public readonly record struct SseEventId(string Prefix, int Sequence);
