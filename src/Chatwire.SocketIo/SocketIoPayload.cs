using System.Text.Json;
using Chatwire.SocketIo.Protocol;

namespace Chatwire.SocketIo;

/// <summary>
/// Arguments received from a client (an event's arguments or an acknowledgement's values). Binary values
/// arrive as <c>{"_placeholder":true,"num":N}</c> in <see cref="Arguments"/> with the bytes in
/// <see cref="Attachments"/>; <see cref="GetBytes"/>, <see cref="GetArgument{T}"/> and <see cref="ToObjects"/>
/// put them back together (socket.io-protocol v5, "with binary data").
/// </summary>
public class SocketIoPayload
{
    private readonly JsonSerializerOptions _options;

    internal SocketIoPayload(IReadOnlyList<JsonElement> arguments, IReadOnlyList<byte[]> attachments, JsonSerializerOptions options)
    {
        Arguments = arguments;
        Attachments = attachments;
        _options = options;
    }

    public IReadOnlyList<JsonElement> Arguments { get; }

    public IReadOnlyList<byte[]> Attachments { get; }

    /// <summary>True when the argument at <paramref name="index"/> is a binary placeholder.</summary>
    public bool IsBinary(int index) => BinaryPlaceholder.TryGetIndex(Arguments[index], out _);

    /// <summary>The bytes of a binary argument (or of a base64 string argument).</summary>
    public byte[] GetBytes(int index) =>
        GetArgument<byte[]>(index) ?? throw new InvalidOperationException($"Argument {index} is null, not binary.");

    /// <summary>Deserializes one argument; byte[] members anywhere in <typeparamref name="T"/> are filled from attachments.</summary>
    public T? GetArgument<T>(int index) => BinaryAttachments.Deserialize<T>(Arguments[index], Attachments, _options);

    /// <summary>
    /// The arguments as objects to pass back to an emit: binary arguments become byte[], the others stay
    /// <see cref="JsonElement"/>. Binary nested inside objects stays a placeholder; use <see cref="GetArgument{T}"/>.
    /// </summary>
    public object?[] ToObjects()
    {
        var objects = new object?[Arguments.Count];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = BinaryPlaceholder.TryGetIndex(Arguments[i], out var num) && num < Attachments.Count
                ? Attachments[num]
                : Arguments[i];
        }

        return objects;
    }
}
