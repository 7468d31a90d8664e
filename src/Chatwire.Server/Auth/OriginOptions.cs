namespace Chatwire.Server.Auth;

/// <summary>Which web origins may open a WebSocket (or other credentialed connection); bound from <c>Origins</c>.</summary>
public sealed class OriginOptions
{
    public const string Section = "Origins";

    /// <summary>Extra allowed origins, e.g. <c>https://app.example.com</c>; <c>*</c> allows any origin.</summary>
    public List<string> Allowed { get; set; } = [];

    /// <summary>Allow pages served from localhost or a loopback address (development tools, the test page).</summary>
    public bool AllowLoopback { get; set; } = true;
}
