using System.Globalization;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Ended;
using StackExchange.Redis;

namespace SessionRec.Redis;

/// <summary>
/// Sessions in Redis (standalone or Cluster): one list per session under its hashed key, changed only by Lua scripts
/// so each click or read is atomic and one round trip. Expiry is Redis's own key TTL; a sharded sorted-set index
/// answers "how many sessions are active" without scanning the keyspace. When ended sessions are absorbed
/// (<see cref="EndedSessionOptions"/>), a session's clicks outlive its end by a grace for <see cref="RedisEndedSessionStream"/>
/// to take them; reads and clicks treat them as ended all the same.
/// </summary>
public sealed class RedisSessionStore : ISessionStore
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeyLayout _keys;
    private readonly RedisValue _maxClicks;
    private readonly RedisValue _ttlMilliseconds;
    private readonly RedisValue _graceMilliseconds;
    private readonly RedisValue _clicksTtlMilliseconds;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _deadline;

    public RedisSessionStore(
        IConnectionMultiplexer redis,
        IOptions<RedisOptions> redisOptions,
        IOptions<SessionRetentionOptions> retention,
        IOptions<EndedSessionOptions>? ended = null)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(retention);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _keys = new RedisKeyLayout(redisOptions.Value.KeyPrefix);
        _timeout = redisOptions.Value.OperationTimeout;
        _deadline = redisOptions.Value.RequestDeadline;
        _maxClicks = retention.Value.MaxClicks;
        long ttl = (long)Math.Ceiling(retention.Value.Ttl.TotalMilliseconds);
        long grace = ended?.Value.GraceMilliseconds ?? 0;
        _ttlMilliseconds = ttl;
        _graceMilliseconds = grace;
        _clicksTtlMilliseconds = ttl + grace;
    }

    public string Provider => "redis";

    public async ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default) =>
        await AppendClickAsync(key, itemId, eventId: null, cancellationToken);

    public async ValueTask<ClickAppend> AppendClickAsync(SessionKey key, string itemId, string? eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        RedisValue digest = eventId is null ? RedisValue.EmptyString : SessionLedgerLimits.EventDigest(eventId).ToString("x16", CultureInfo.InvariantCulture);
        try
        {
            var batch = Database.CreateBatch();
            var appended = batch.ScriptEvaluateAsync(
                SessionScripts.AppendClick,
                [_keys.Clicks(key), _keys.Trended(key), _keys.Events(key)],
                [itemId, _maxClicks, _ttlMilliseconds, digest, SessionLedgerLimits.MaxTrendingItems, SessionLedgerLimits.MaxEventIds, _graceMilliseconds, _clicksTtlMilliseconds]);
            TouchIndex(batch, key);
            batch.Execute();
            long outcome = (long)await appended.WaitAsync(Budget, cancellationToken);
            return outcome < 0 ? ClickAppend.Repeated : new ClickAppend(true, outcome == 1);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }
    }

    public async ValueTask<bool[]> ClaimArmsAsync(SessionKey key, IReadOnlyList<string> items, int maxRewardsPerMinute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var args = new RedisValue[3 + items.Count];
        args[0] = maxRewardsPerMinute;
        args[1] = _ttlMilliseconds;
        args[2] = SessionLedgerLimits.MaxBanditArms;
        for (int i = 0; i < items.Count; i++)
        {
            args[3 + i] = items[i];
        }

        RedisResult result;
        try
        {
            result = await Database.ScriptEvaluateAsync(SessionScripts.ClaimArms, [_keys.Arms(key), _keys.Rewards(key)], args)
                .WaitAsync(Budget, cancellationToken);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }

        var flags = (long[]?)result ?? [];
        var claimed = new bool[items.Count];
        for (int i = 0; i < flags.Length && i < claimed.Length; i++)
        {
            claimed[i] = flags[i] == 1;
        }

        return claimed;
    }

    public async ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        RedisResult result;
        try
        {
            result = await Database.ScriptEvaluateAsync(SessionScripts.Read, _keys.AllOf(key), [_maxClicks, _ttlMilliseconds, _graceMilliseconds, _clicksTtlMilliseconds])
                .WaitAsync(Budget, cancellationToken);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }

        var values = (RedisValue[]?)result ?? [];
        string[] items = Array.ConvertAll(values, v => v.ToString());
        if (items.Length > 0)
        {
            // The read slid the session's expiry, so the index must hear of it too; the caller need not wait for that.
            TouchIndex(Database, key);
        }

        return items;
    }

    public async ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        try
        {
            var batch = Database.CreateBatch();
            var deleted = batch.KeyDeleteAsync(_keys.AllOf(key));
            _ = batch.SortedSetRemoveAsync(_keys.IndexShard(key), key.Value, CommandFlags.FireAndForget);
            batch.Execute();
            return await deleted.WaitAsync(Budget, cancellationToken) > 0;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }
    }

    public async ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var db = Database;
            var counts = _keys.AllIndexShards.Select(shard => db.ScriptEvaluateAsync(SessionScripts.Count, [shard], [_graceMilliseconds])).ToArray();
            await Task.WhenAll(counts).WaitAsync(Budget, cancellationToken);
            return counts.Sum(c => (long)c.Result);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }
    }

    /// <summary>Pings every primary; false (never an exception) when any is unreachable or slow.</summary>
    public async ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        if (!_redis.IsConnected)
        {
            return false;
        }

        try
        {
            var primaries = _redis.GetServers().Where(s => !s.IsReplica).ToArray();
            if (primaries.Length == 0)
            {
                return false;
            }

            await Task.WhenAll(primaries.Select(s => s.PingAsync())).WaitAsync(_timeout, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private IDatabase Database => _redis.GetDatabase();

    /// <summary>
    /// The index lives in another slot than the session, so it cannot join the session's script; it goes out in the
    /// same pipeline, fire-and-forget: a lost update only makes the active count briefly approximate, which is why a
    /// failure here never fails the click or read that carried it.
    /// </summary>
    private void TouchIndex(IDatabaseAsync target, SessionKey key)
    {
        try
        {
            _ = target.ScriptEvaluateAsync(SessionScripts.Touch, [_keys.IndexShard(key)], [key.Value, _ttlMilliseconds, _graceMilliseconds], CommandFlags.FireAndForget);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Best effort, as above: the count heals with the session's next click or read.
        }
    }

    /// <summary>What this call may wait: the operation timeout, or less when the request's deadline is nearer.</summary>
    private TimeSpan Budget => RequestDeadline.Remaining(_deadline, _timeout);
}
