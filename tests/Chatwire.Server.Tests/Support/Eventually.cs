namespace Chatwire.Server.Tests.Support;

/// <summary>For state another process or thread reaches on its own, with no event to await: polls until it matches or times out.</summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> matches, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var value = await read();
            if (matches(value))
            {
                return value;
            }

            if (cancellation.IsCancellationRequested)
            {
                Assert.Fail($"Condition not reached within {timeout}; last value: {value}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), CancellationToken.None);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout) =>
        MatchAsync(() => Task.FromResult(condition()), reached => reached, timeout);
}
