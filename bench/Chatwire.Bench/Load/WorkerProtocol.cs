using System.Text.Json;

namespace Chatwire.Bench.Load;

/// <summary>
/// Lines between the bench and its worker processes. The bench writes the spec (JSON) as the first
/// line, then commands <c>connect</c>, <c>stream SECONDS</c>, <c>close</c>; the worker answers each
/// with <c>report JSON</c> (or <c>fail MESSAGE</c>), and <c>closed</c>.
/// </summary>
public static class WorkerProtocol
{
    public const string Connect = "connect";
    public const string Stream = "stream";
    public const string Close = "close";
    public const string Report = "report ";
    public const string Fail = "fail ";
    public const string Closed = "closed";

    public static string Encode<T>(T value) => JsonSerializer.Serialize(value);

    public static T Decode<T>(string json) => JsonSerializer.Deserialize<T>(json) ?? throw new InvalidDataException($"empty {typeof(T).Name}");
}
