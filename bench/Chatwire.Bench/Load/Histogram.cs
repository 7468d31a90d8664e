using System.Numerics;

namespace Chatwire.Bench.Load;

/// <summary>
/// Latencies in microseconds, log-linear: exact below 128 µs, then 64 buckets per power of two
/// (at most 1.6% error). Fixed size, so histograms from several loader processes merge by adding
/// counts. Safe to record from many continuations at once.
/// </summary>
public sealed class Histogram
{
    private const int SubBuckets = 64;
    private const int Linear = 2 * SubBuckets;
    private const int Size = Linear + 48 * SubBuckets;
    private const long MaxValue = (1L << 54) - 1;

    private readonly long[] _counts = new long[Size];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long micros)
    {
        Interlocked.Increment(ref _counts[Index(Math.Clamp(micros, 0, MaxValue))]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The value at percentile <paramref name="percent"/> (0..100), in microseconds; null when empty.</summary>
    public double? Percentile(double percent)
    {
        var count = Count;
        if (count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * count));
        long seen = 0;
        for (var i = 0; i < Size; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                // The middle of the bucket: the best guess at values it holds.
                return LowerBound(i) + (Width(i) - 1) / 2.0;
            }
        }

        return LowerBound(Size - 1);
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < Size; i++)
        {
            _counts[i] += other._counts[i];
        }

        _count += other._count;
    }

    /// <summary>Non-empty buckets, for sending to the coordinating process.</summary>
    public Dictionary<int, long> ToBuckets()
    {
        var buckets = new Dictionary<int, long>();
        for (var i = 0; i < Size; i++)
        {
            if (_counts[i] != 0)
            {
                buckets[i] = _counts[i];
            }
        }

        return buckets;
    }

    public static Histogram FromBuckets(Dictionary<int, long>? buckets)
    {
        var histogram = new Histogram();
        foreach (var (index, count) in buckets ?? [])
        {
            histogram._counts[index] += count;
            histogram._count += count;
        }

        return histogram;
    }

    private static int Index(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var shift = 64 - BitOperations.LeadingZeroCount((ulong)value) - 7;
        return Linear + (shift - 1) * SubBuckets + (int)(value >> shift) - SubBuckets;
    }

    private static long LowerBound(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = (index - Linear) / SubBuckets + 1;
        return ((long)((index - Linear) % SubBuckets) + SubBuckets) << shift;
    }

    private static long Width(int index) => index < Linear ? 1 : 1L << ((index - Linear) / SubBuckets + 1);
}
