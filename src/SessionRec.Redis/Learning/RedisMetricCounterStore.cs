using Microsoft.Extensions.Options;
using SessionRec.Core.Metrics;
using SessionRec.Core.Sessions;
using StackExchange.Redis;

namespace SessionRec.Redis.Learning;

/// <summary>
/// Online counters in one Redis hash, so /api/v1/metrics agrees across replicas. Increments are fire-and-forget
/// (counting must never slow down or fail a request); a lost increment during an outage is the accepted cost.
/// </summary>
public sealed class RedisMetricCounterStore : IMetricCounterStore
{
    private static readonly MetricCounter[] All = Enum.GetValues<MetricCounter>();

    private static readonly LuaScript Increment = LuaScript.Prepare("""
        redis.call('HINCRBY', @key, @field, @by)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly LearningKeys _keys;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _deadline;
    private readonly long _ttlMilliseconds;
    private readonly RedisValue[] _fields = [.. All.Select(c => (RedisValue)c.ToString())];

    public RedisMetricCounterStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<LearningStateOptions> learning)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(learning);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _keys = new LearningKeys(redisOptions.Value.KeyPrefix);
        _timeout = redisOptions.Value.OperationTimeout;
        _deadline = redisOptions.Value.RequestDeadline;
        _ttlMilliseconds = (long)learning.Value.StateTtl.TotalMilliseconds;
    }

    public void Add(MetricCounter counter, long value = 1)
    {
        if (!_redis.IsConnected)
        {
            return;
        }

        try
        {
            _ = Increment.EvaluateAsync(
                _redis.GetDatabase(),
                new { key = _keys.Counters, field = _fields[(int)counter], by = value, ttl = _ttlMilliseconds },
                flags: CommandFlags.FireAndForget);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Counting is best effort while Redis is away.
        }
    }

    public async ValueTask<long[]> ReadAsync(CancellationToken cancellationToken = default)
    {
        var values = await RedisFailures.Guard(_redis.GetDatabase().HashGetAsync(_keys.Counters, _fields), Budget, cancellationToken);
        return [.. values.Select(v => v.IsNull ? 0L : (long)v)];
    }

    /// <summary>What this call may wait: the operation timeout, or less when the request's deadline is nearer.</summary>
    private TimeSpan Budget => RequestDeadline.Remaining(_deadline, _timeout);
}
