using System.Diagnostics;

namespace SessionRec.Core.Sessions;

/// <summary>
/// One deadline per request across all its store calls. The server opens a scope per request; the clock starts at
/// the scope's first store call (after the body was read, so a slow upload does not eat the budget), and every later
/// call waits only for what is left. Without this, a stalled backend would cost each call its own timeout.
/// </summary>
public static class RequestDeadline
{
    private static readonly AsyncLocal<Clock?> s_current = new();

    /// <summary>Opens the request's scope; dispose it when the request ends.</summary>
    public static IDisposable Begin()
    {
        var previous = s_current.Value;
        s_current.Value = new Clock();
        return new Scope(previous);
    }

    /// <summary>
    /// How long the next store call may wait: <paramref name="perCall"/>, or what remains of
    /// <paramref name="perRequest"/> since the request's first store call when that is less (zero once spent).
    /// Outside a request scope (start-up, background work) it is <paramref name="perCall"/>.
    /// </summary>
    public static TimeSpan Remaining(TimeSpan perRequest, TimeSpan perCall)
    {
        var clock = s_current.Value;
        if (clock is null)
        {
            return perCall;
        }

        long now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref clock.StartedAt, now, 0);
        var left = perRequest - Stopwatch.GetElapsedTime(Volatile.Read(ref clock.StartedAt), now);
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left < perCall ? left : perCall;
    }

    private sealed class Clock
    {
        public long StartedAt;
    }

    private sealed class Scope(Clock? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
