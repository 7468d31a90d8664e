using System.Buffers;
using System.Text;

namespace Chatwire.SocketIo.Tests.Protocol;

/// <summary>Builds multi-segment sequences so the codecs are exercised across segment boundaries.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Split(string text, int segmentSize) => Split(Encoding.UTF8.GetBytes(text), segmentSize);

    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentSize)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentSize)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset));
            last = last is null ? first = new Segment(chunk, 0) : last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>Every way to cut the input into equal pieces, from one byte per segment to a single segment.</summary>
    public static IEnumerable<ReadOnlySequence<byte>> AllSplits(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var size = 1; size <= Math.Max(1, bytes.Length); size++)
        {
            yield return Split(bytes, size);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
