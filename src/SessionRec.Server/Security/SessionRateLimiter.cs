using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Security;

/// <summary>
/// The per-session limit (<c>RateLimits:PerSession</c>). The session is only known once the body is parsed, so this
/// runs in the endpoint after hashing, beside ASP.NET Core's per-address limiter that runs before it.
/// </summary>
/// <remarks>
/// A token bucket per session as GCRA (the generic cell rate algorithm): one theoretical arrival time (TAT) per
/// session, in <see cref="TimeProvider"/> timestamps. Each permit pushes the TAT one emission interval
/// (1/PermitsPerSecond) past max(TAT, now); a request is refused when that would put the TAT more than Burst
/// intervals ahead of now. That is a bucket of Burst permits refilled at PermitsPerSecond, refilled smoothly rather
/// than once a second. It replaces a <c>PartitionedRateLimiter</c> of one <c>TokenBucketRateLimiter</c> per session,
/// which held several hundred bytes per session for 10 s after its last request and scanned every partition every
/// 100 ms: at 200,000 invented sessions that was most of the memory growth of issue 10's probe.
/// Keys are the first 128 bits of the keyed hash (<see cref="CompactKey"/>), never the id.
/// </remarks>
public sealed class SessionRateLimiter : IDisposable
{
    /// <summary>How often sessions whose TAT has passed are dropped.</summary>
    internal static readonly TimeSpan PrunePeriod = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<UInt128, long> _arrivals = new();
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly long _tolerance;
    private readonly long _minPruneGap;
    private readonly int _maxTracked;
    private readonly ITimer _pruner;
    private int _count;
    private int _pruning;
    private long _lastPrune;

    public SessionRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var bucket = options.Value.PerSession;
        _time = time;
        // At least one tick: rates beyond the timestamp frequency are not limits anyone configures.
        _interval = Math.Max(1, time.TimestampFrequency / bucket.PermitsPerSecond);
        _tolerance = bucket.Burst * _interval;
        _minPruneGap = time.TimestampFrequency / 10;
        _maxTracked = options.Value.MaxTrackedSessions;
        _lastPrune = time.GetTimestamp();
        _pruner = time.CreateTimer(_ => Prune(), null, PrunePeriod, PrunePeriod);
    }

    /// <summary>Sessions with limiter state; for tests and the memory report.</summary>
    internal int TrackedCount => Volatile.Read(ref _count);

    /// <summary>Takes one permit for the session, or throws <see cref="RateLimited"/> (answered 429).</summary>
    /// <remarks>Allocation-free unless the session is new to the table (one dictionary node) or refused.</remarks>
    public void Acquire(SessionKey session)
    {
        var key = CompactKey.From(session);
        long now = _time.GetTimestamp();
        while (true)
        {
            if (_arrivals.TryGetValue(key, out long tat))
            {
                long next = Math.Max(tat, now) + _interval;
                long early = next - now - _tolerance;
                if (early > 0)
                {
                    // The request would conform `early` ticks from now: exactly when one permit has refilled.
                    throw new RateLimited(_time.GetElapsedTime(0, early), "Too many requests for this session; slow down and retry after the given delay.");
                }

                // A CAS, so concurrent requests of one session each take their own permit; a lost race (or a prune
                // of this entry in between) just reads again.
                if (_arrivals.TryUpdate(key, next, tat))
                {
                    return;
                }
            }
            else
            {
                // A new session always gets its first permit (Burst >= 1). When the table is full even after
                // dropping idle sessions, it is not tracked at all: failing open keeps memory bounded whatever
                // clients invent, and such a session is still under its address's limit, which ran before this.
                // Refusing new sessions instead would let one flood of invented ids lock out every real visitor.
                if (Volatile.Read(ref _count) >= _maxTracked && !MakeRoom(now))
                {
                    return;
                }

                if (_arrivals.TryAdd(key, now + _interval))
                {
                    Interlocked.Increment(ref _count);
                    return;
                }
            }
        }
    }

    public void Dispose() => _pruner.Dispose();

    /// <summary>Prunes now if the last prune is old enough, so a full table cannot turn every request into a scan.</summary>
    private bool MakeRoom(long now)
    {
        if (now - Volatile.Read(ref _lastPrune) >= _minPruneGap)
        {
            Prune();
        }

        return Volatile.Read(ref _count) < _maxTracked;
    }

    /// <summary>
    /// Drops sessions whose TAT has passed: their bucket is full again, so a fresh entry would answer exactly the same.
    /// One scan at a time; entries updated meanwhile are kept (removal compares the value).
    /// </summary>
    internal void Prune()
    {
        if (Interlocked.Exchange(ref _pruning, 1) == 1)
        {
            return;
        }

        try
        {
            long now = _time.GetTimestamp();
            Volatile.Write(ref _lastPrune, now);
            foreach (var entry in _arrivals)
            {
                if (entry.Value <= now && _arrivals.TryRemove(entry))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _pruning, 0);
        }
    }
}
