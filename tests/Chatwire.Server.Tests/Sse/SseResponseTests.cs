using System.Text;
using Chatwire.Server.Protocols.Sse;
using Microsoft.AspNetCore.Http;

namespace Chatwire.Server.Tests.Sse;

/// <summary>
/// An SSE response over a body whose writes are held until the test lets them go, so an event (or a
/// heartbeat) can be caught mid-flush while the other arrives, as a timer tick can land in production.
/// </summary>
public sealed class SseResponseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HeartbeatIsSkippedWhileAnEventIsBeingWritten()
    {
        var body = new HeldStream();
        var sse = Start(body);

        var writing = sse.WriteAsync("note", "x"u8.ToArray());
        await body.WriteArrived.WaitAsync(Timeout);
        var beat = await sse.TryHeartbeatAsync().AsTask().WaitAsync(Timeout);
        body.Release();
        await writing.AsTask().WaitAsync(Timeout);
        await sse.WriteAsync("note", "y"u8.ToArray()).AsTask().WaitAsync(Timeout);

        Assert.False(beat);
        Assert.Equal("event: note\nid: s:0\ndata: x\n\nevent: note\nid: s:1\ndata: y\n\n", body.Text);
    }

    [Fact]
    public async Task EventWaitsForAHeartbeatBeingWrittenAndGoesOutWholeAfterIt()
    {
        var body = new HeldStream();
        var sse = Start(body);

        var beating = sse.TryHeartbeatAsync().AsTask();
        await body.WriteArrived.WaitAsync(Timeout);
        var writing = sse.WriteAsync("note", "x"u8.ToArray()).AsTask();
        await Task.Delay(50);
        var eventWaited = !writing.IsCompleted;
        body.Release();

        Assert.True(await beating.WaitAsync(Timeout));
        await writing.WaitAsync(Timeout);
        Assert.True(eventWaited);
        Assert.Equal(": heartbeat\n\nevent: note\nid: s:0\ndata: x\n\n", body.Text);
    }

    [Fact]
    public async Task HeartbeatGoesOutAfterASilentIntervalAndItsDisposalWaitsForIt()
    {
        var body = new HeldStream();
        var sse = Start(body);
        var first = sse.WriteAsync(null, "first"u8.ToArray()).AsTask();
        body.Release();
        await first.WaitAsync(Timeout);
        body.Hold();

        var heartbeat = new SseHeartbeat(sse, TimeSpan.FromMilliseconds(20));
        await body.WriteArrived.WaitAsync(Timeout);
        var disposing = heartbeat.DisposeAsync().AsTask();
        await Task.Delay(50);
        var disposalWaited = !disposing.IsCompleted;
        body.Release();
        await disposing.WaitAsync(Timeout);
        var afterDisposal = body.Text;
        await Task.Delay(100);

        Assert.True(disposalWaited);
        Assert.Equal("id: s:0\ndata: first\n\n: heartbeat\n\n", afterDisposal);
        Assert.Equal(afterDisposal, body.Text);
    }

    private static SseResponse Start(HeldStream body)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        var sse = new SseResponse(context) { IdPrefix = "s" };
        sse.Start();
        return sse;
    }

    /// <summary>A body that keeps what is written, holding each write while it is held (from the start).</summary>
    private sealed class HeldStream : Stream
    {
        private readonly MemoryStream _written = new();
        private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _writeArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a write reaches the body while it is held.</summary>
        public Task WriteArrived => _writeArrived.Task;

        public string Text
        {
            get
            {
                lock (_written)
                {
                    return Encoding.UTF8.GetString(_written.ToArray());
                }
            }
        }

        public void Release() => _released.TrySetResult();

        public void Hold()
        {
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _writeArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _writeArrived.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            lock (_written)
            {
                _written.Write(buffer.Span);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Writes are asynchronous.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
