using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Privacy;
using SessionRec.Server.Security;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Tests.Security;

/// <summary>
/// The per-session limiter on its own, with a clock the test moves: a bucket of Burst permits refilled at
/// PermitsPerSecond per session, Retry-After saying when the next permit comes, and a table that drops idle
/// sessions and never grows past its cap.
/// </summary>
public sealed class SessionRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_session_gets_its_burst_at_once_then_the_steady_rate()
    {
        using var limiter = Limiter(permitsPerSecond: 10, burst: 5);
        var session = Key("a");

        Assert.Equal(5, AcquireUntilRefused(limiter, session));

        // One permit every 100 ms from then on, never two.
        for (int i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(1, AcquireUntilRefused(limiter, session));
        }

        // A quiet spell refills the bucket, but only up to Burst.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(5, AcquireUntilRefused(limiter, session));
    }

    [Fact]
    public void Sessions_have_their_own_buckets()
    {
        using var limiter = Limiter(permitsPerSecond: 1, burst: 3);

        Assert.Equal(3, AcquireUntilRefused(limiter, Key("flooder")));
        Assert.Equal(3, AcquireUntilRefused(limiter, Key("bystander")));
        Assert.Throws<RateLimited>(() => limiter.Acquire(Key("flooder")));
    }

    [Fact]
    public void Retry_after_is_the_time_until_the_next_permit()
    {
        using var limiter = Limiter(permitsPerSecond: 2, burst: 1);
        var session = Key("a");
        limiter.Acquire(session);

        Assert.Equal(TimeSpan.FromMilliseconds(500), Assert.Throws<RateLimited>(() => limiter.Acquire(session)).RetryAfter);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(300), Assert.Throws<RateLimited>(() => limiter.Acquire(session)).RetryAfter);
        _time.Advance(TimeSpan.FromMilliseconds(300));
        limiter.Acquire(session); // exactly when it said
    }

    [Fact]
    public void Idle_sessions_are_dropped_and_busy_ones_kept()
    {
        using var limiter = Limiter(permitsPerSecond: 1, burst: 10);
        for (int i = 0; i < 1000; i++)
        {
            limiter.Acquire(Key($"visitor-{i}"));
        }

        var busy = Key("busy");
        Assert.Equal(10, AcquireUntilRefused(limiter, busy)); // its bucket refills over 10 s
        Assert.Equal(1001, limiter.TrackedCount);

        // Past the visitors' single permit (1 s) and one prune period, the timer has dropped them all.
        _time.Advance(TimeSpan.FromSeconds(1) + SessionRateLimiter.PrunePeriod);
        Assert.Equal(1, limiter.TrackedCount);
        Assert.Equal(2, AcquireUntilRefused(limiter, busy)); // 2 s refilled 2 permits, not a fresh burst of 10
    }

    [Fact]
    public void A_full_table_never_grows_and_lets_new_sessions_through_untracked()
    {
        using var limiter = Limiter(permitsPerSecond: 1, burst: 1, maxTracked: 100);
        for (int i = 0; i < 100; i++)
        {
            limiter.Acquire(Key($"visitor-{i}"));
        }

        // Nothing is idle yet: new sessions pass (the per-address limit still applies) without being tracked.
        var late = Key("late");
        for (int i = 0; i < 5; i++)
        {
            limiter.Acquire(late);
        }

        Assert.Equal(100, limiter.TrackedCount);
        Assert.Throws<RateLimited>(() => limiter.Acquire(Key("visitor-0"))); // tracked sessions stay limited

        // Once the others are idle, a new session makes room by pruning and is limited again.
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        limiter.Acquire(late);
        Assert.Throws<RateLimited>(() => limiter.Acquire(late));
        Assert.Equal(1, limiter.TrackedCount);
    }

    private SessionRateLimiter Limiter(int permitsPerSecond, int burst, int maxTracked = 100_000) =>
        new(Options.Create(new RateLimitOptions
        {
            PerSession = new TokenBucket { PermitsPerSecond = permitsPerSecond, Burst = burst },
            MaxTrackedSessions = maxTracked,
        }), _time);

    private static SessionKey Key(string id) => Hasher.Hash(id);

    private static readonly SessionIdHasher Hasher = SessionIdHasher.WithRandomSecret();

    /// <summary>Permits taken before the first refusal, at the current instant.</summary>
    private static int AcquireUntilRefused(SessionRateLimiter limiter, SessionKey session)
    {
        for (int taken = 0; taken < 10_000; taken++)
        {
            try
            {
                limiter.Acquire(session);
            }
            catch (RateLimited)
            {
                return taken;
            }
        }

        throw new InvalidOperationException("never refused");
    }
}
