using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Sessions;
using StackExchange.Redis;

namespace SessionRec.Redis.Learning;

/// <summary>
/// Bandit counts in two hashes (successes, failures) under one hash tag: HINCRBY is atomic, so rewards from every
/// replica add up, and a read of all candidates is one round trip.
/// </summary>
public sealed class RedisBanditArmStore : IBanditArmStore
{
    private readonly IConnectionMultiplexer _redis;
    private readonly LearningKeys _keys;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _deadline;
    private readonly TimeSpan _stateTtl;

    public RedisBanditArmStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<LearningStateOptions> learning)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(learning);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _keys = new LearningKeys(redisOptions.Value.KeyPrefix);
        _timeout = redisOptions.Value.OperationTimeout;
        _deadline = redisOptions.Value.RequestDeadline;
        _stateTtl = learning.Value.StateTtl;
    }

    public async ValueTask<ArmCounts[]> GetAsync(IReadOnlyList<string> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return [];
        }

        var fields = items.Select(i => (RedisValue)i).ToArray();
        var db = _redis.GetDatabase();
        Task<RedisValue[]> successes, failures;
        try
        {
            var batch = db.CreateBatch();
            successes = batch.HashGetAsync(_keys.BanditSuccesses, fields);
            failures = batch.HashGetAsync(_keys.BanditFailures, fields);
            batch.Execute();
            await Task.WhenAll(successes, failures).WaitAsync(Budget, cancellationToken);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }

        var counts = new ArmCounts[items.Count];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = new ArmCounts(AsLong(successes.Result[i]), AsLong(failures.Result[i]));
        }

        return counts;
    }

    public async ValueTask AddAsync(IReadOnlyList<ArmReward> rewards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (rewards.Count == 0)
        {
            return;
        }

        try
        {
            var batch = _redis.GetDatabase().CreateBatch();
            var pending = new List<Task>(rewards.Count + 2);
            foreach (var reward in rewards)
            {
                pending.Add(batch.HashIncrementAsync(reward.Success ? _keys.BanditSuccesses : _keys.BanditFailures, reward.Item));
            }

            pending.Add(batch.KeyExpireAsync(_keys.BanditSuccesses, _stateTtl));
            pending.Add(batch.KeyExpireAsync(_keys.BanditFailures, _stateTtl));
            batch.Execute();
            await Task.WhenAll(pending).WaitAsync(Budget, cancellationToken);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }
    }

    private static long AsLong(RedisValue value) => value.IsNull ? 0 : (long)value;

    /// <summary>What this call may wait: the operation timeout, or less when the request's deadline is nearer.</summary>
    private TimeSpan Budget => RequestDeadline.Remaining(_deadline, _timeout);
}
