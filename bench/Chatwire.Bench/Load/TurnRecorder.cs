using System.Diagnostics;

namespace Chatwire.Bench.Load;

/// <summary>Timestamps of one streamed answer: time to the first token frame and the gaps after it.</summary>
public sealed class TurnRecorder(LoadStats stats)
{
    private long _sent;
    private long _last;
    private int _tokens;

    public int Tokens => _tokens;

    public void Sent()
    {
        _sent = Stopwatch.GetTimestamp();
        _last = 0;
        _tokens = 0;
    }

    public void Token()
    {
        var now = Stopwatch.GetTimestamp();
        if (_tokens++ == 0)
        {
            stats.TimeToFirstToken.Record(Micros(_sent, now));
        }
        else
        {
            stats.InterTokenGap.Record(Micros(_last, now));
        }

        _last = now;
        stats.RecordToken(now);
    }

    private static long Micros(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMicroseconds;
}
