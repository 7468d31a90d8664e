namespace Chatwire.Bench.Wires;

/// <summary>The server refused or broke off: an error frame, a closed connection, an unexpected status.</summary>
public sealed class WireException(string message) : Exception(message);
