using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Sessions;
using StackExchange.Redis;

namespace SessionRec.Redis.Learning;

/// <summary>
/// Trending counts shared by every replica: a sorted set with forward decay (a click at time t adds
/// 2^((t − origin)/halfLife), the origin kept beside it and moved forward, re-scaling the scores, when they grow
/// large). Reads are cached for a second, and the last list read (before any, the seed) is what cold start gets while Redis
/// is away, flagged stale.
/// </summary>
public sealed class RedisTrendingStore : ITrendingStore
{
    private const double RebaseAbove = 1e12;

    /// <summary>Items kept in the sorted set; the tail beyond it can never be a candidate.</summary>
    private const int MaxItems = 20_000;

    private static readonly LuaScript Record = LuaScript.Prepare("""
        local now = tonumber(@now)
        local origin = tonumber(redis.call('GET', @origin))
        if not origin then
          origin = now
          redis.call('SET', @origin, now)
        end
        local score = tonumber(redis.call('ZINCRBY', @scores, tonumber(@weight) * 2 ^ ((now - origin) / tonumber(@halfLife)), @item))
        if score > tonumber(@rebaseAbove) then
          redis.call('ZUNIONSTORE', @scores, 1, @scores, 'WEIGHTS', 2 ^ (-(now - origin) / tonumber(@halfLife)))
          redis.call('SET', @origin, now)
        end
        if redis.call('ZCARD', @scores) > tonumber(@maxItems) then
          redis.call('ZREMRANGEBYRANK', @scores, 0, -(tonumber(@maxItems) + 1))
        end
        redis.call('PEXPIRE', @scores, @ttl)
        redis.call('PEXPIRE', @origin, @ttl)
        return 1
        """);

    /// <summary>Seeds only an empty set: every replica seeds at start, and only the first may count.</summary>
    private const string SeedIfEmpty = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('SET', KEYS[2], ARGV[1])
        for i = 3, #ARGV, 2 do
          redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return 1
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly LearningKeys _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _deadline;
    private readonly double _halfLifeMilliseconds;
    private readonly long _ttlMilliseconds;
    private readonly object _cacheLock = new();
    private string[] _cached = [];
    private long _cachedAt = long.MinValue;

    public RedisTrendingStore(
        IConnectionMultiplexer redis,
        IOptions<RedisOptions> redisOptions,
        IOptions<LearningStateOptions> learning,
        IOptions<ColdStartOptions> coldStart,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(learning);
        ArgumentNullException.ThrowIfNull(coldStart);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _keys = new LearningKeys(redisOptions.Value.KeyPrefix);
        _timeout = redisOptions.Value.OperationTimeout;
        _deadline = redisOptions.Value.RequestDeadline;
        _halfLifeMilliseconds = coldStart.Value.TrendingHalfLife.TotalMilliseconds;
        _ttlMilliseconds = (long)learning.Value.StateTtl.TotalMilliseconds;
    }

    public async ValueTask RecordAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        await Run(Record.EvaluateAsync(_redis.GetDatabase(), new
        {
            scores = _keys.Trending,
            origin = _keys.TrendingOrigin,
            item = (RedisValue)itemId,
            weight = 1,
            now = NowMilliseconds,
            halfLife = _halfLifeMilliseconds,
            rebaseAbove = RebaseAbove,
            maxItems = MaxItems,
            ttl = _ttlMilliseconds,
        }), cancellationToken);
    }

    public async ValueTask SeedAsync(IEnumerable<KeyValuePair<string, double>> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var ordered = counts.OrderByDescending(c => c.Value).Take(MaxItems).ToArray();
        var members = ordered.SelectMany(c => new RedisValue[] { c.Key, c.Value }).ToArray();
        if (members.Length == 0)
        {
            return;
        }

        lock (_cacheLock)
        {
            // Only a fallback (not a fresh read): a replica that starts while Redis is away still has candidates.
            if (_cached.Length == 0)
            {
                _cached = Array.ConvertAll(ordered[..Math.Min(ordered.Length, 256)], c => c.Key);
            }
        }

        RedisValue[] args = [NowMilliseconds, _ttlMilliseconds, .. members];
        await Run(_redis.GetDatabase().ScriptEvaluateAsync(SeedIfEmpty, [_keys.Trending, _keys.TrendingOrigin], args), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<string>> TopAsync(int count, CancellationToken cancellationToken = default) =>
        (await ReadTopAsync(count, cancellationToken)).Items;

    public async ValueTask<TrendingTop> ReadTopAsync(int count, CancellationToken cancellationToken = default)
    {
        long now = _time.GetTimestamp();
        string[] cached;
        lock (_cacheLock)
        {
            cached = _cached;
            if (cached.Length >= count && _cachedAt != long.MinValue && _time.GetElapsedTime(_cachedAt, now) < TimeSpan.FromSeconds(1))
            {
                return new TrendingTop(new ArraySegment<string>(cached, 0, count), Stale: false);
            }
        }

        try
        {
            var top = await _redis.GetDatabase()
                .SortedSetRangeByRankAsync(_keys.Trending, 0, Math.Max(count, 256) - 1, Order.Descending)
                .WaitAsync(Budget, cancellationToken);
            cached = Array.ConvertAll(top, v => v.ToString());
            lock (_cacheLock)
            {
                _cached = cached;
                _cachedAt = now;
            }

            return new TrendingTop(new ArraySegment<string>(cached, 0, Math.Min(count, cached.Length)), Stale: false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Cold start keeps serving the last list this process read (or its seed), and says so.
            return new TrendingTop(new ArraySegment<string>(cached, 0, Math.Min(count, cached.Length)), Stale: true);
        }
    }

    private long NowMilliseconds => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<RedisResult> Run(Task<RedisResult> operation, CancellationToken cancellationToken) =>
        RedisFailures.Guard(operation, Budget, cancellationToken);

    /// <summary>What this call may wait: the operation timeout, or less when the request's deadline is nearer.</summary>
    private TimeSpan Budget => RequestDeadline.Remaining(_deadline, _timeout);
}
