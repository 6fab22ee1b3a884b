using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Security;

/// <summary>
/// The per-session limit (<c>RateLimits:PerSession</c>). The session is only known once the body is parsed, so this
/// runs in the endpoint after hashing, beside ASP.NET Core's per-address limiter that runs before it. Partitions are
/// keyed by the HMAC, never the id, and idle ones are dropped by the partitioned limiter.
/// </summary>
public sealed class SessionRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<SessionKey> _limiter = PartitionedRateLimiter.Create<SessionKey, SessionKey>(
        key => RateLimitPartition.GetTokenBucketLimiter(key, _ => options.Value.PerSession.ToLimiterOptions()));

    /// <summary>Takes one permit for the session, or throws <see cref="RateLimited"/> (answered 429).</summary>
    public void Acquire(SessionKey session)
    {
        using var lease = _limiter.AttemptAcquire(session);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            throw new RateLimited(retryAfter, "Too many requests for this session; slow down and retry after the given delay.");
        }
    }

    public void Dispose() => _limiter.Dispose();
}
