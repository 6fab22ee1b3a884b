using System.Globalization;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Server.Security;

namespace SessionRec.Benchmarks.Serving;

/// <summary>
/// What the per-session rate limiter holds per session: N <c>Acquire</c> calls with distinct keys, as N invented
/// sessions arriving faster than they go idle, measured as the growth of the managed heap after full collections.
/// The keys are made before the first measurement, so only the limiter's own state counts. Measured twice: on the
/// real clock, and on a stopped clock so that no session ever goes idle (the worst case: every session tracked). Run:
/// dotnet run -c Release --project bench/SessionRec.Benchmarks -- --limiter-memory [N]
/// </summary>
public static class SessionLimiterMemoryReport
{
    public static void Run(int sessions)
    {
        Measure(sessions, TimeProvider.System, "real clock");
        Measure(sessions, new StoppedClock(), "stopped clock, no session idle");
    }

    private static void Measure(int sessions, TimeProvider time, string clock)
    {
        var hasher = SessionIdHasher.WithRandomSecret();
        var keys = new SessionKey[sessions];
        for (int i = 0; i < sessions; i++)
        {
            keys[i] = hasher.Hash($"visitor-{i}");
        }

        // The shipped per-session bucket (30/s, burst 60), with room to track every session.
        var options = Options.Create(new RateLimitOptions { MaxTrackedSessions = Math.Max(sessions, 1) });
        long before = GC.GetTotalMemory(forceFullCollection: true);
        using var limiter = new SessionRateLimiter(options, time);
        foreach (var key in keys)
        {
            limiter.Acquire(key);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(limiter);
        GC.KeepAlive(keys);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sessions:N0} sessions, one Acquire each ({clock}): per-session limiter state +{(after - before) / 1048576.0:F1} MB, {(after - before) / (double)sessions:F0} B per session"));
    }

    /// <summary>Time that does not pass: every session stays within its burst window, so none is pruned.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        private readonly long _now = System.GetTimestamp();

        public override long GetTimestamp() => _now;
    }
}
