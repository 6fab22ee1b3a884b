using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using StackExchange.Redis;

namespace SessionRec.Redis.Learning;

/// <summary>
/// Served recommendations in one hash per session (same cluster slot as its clicks), field = recommendation id.
/// Taking is a script (read and delete in one step), so a recommendation resolves exactly once across replicas.
/// </summary>
public sealed class RedisServedRecommendationStore : IServedRecommendationStore
{
    /// <summary>
    /// Drops the oldest record past a cap, like the in-memory store, so a session cannot grow without bound; only
    /// then does it decode the records (rare), to find the oldest by its serving time.
    /// </summary>
    private static readonly LuaScript Record = LuaScript.Prepare("""
        if redis.call('EXISTS', @erased) == 1 then return 0 end
        redis.call('HSET', @key, @id, @value)
        if redis.call('HLEN', @key) > tonumber(@max) then
          local all = redis.call('HGETALL', @key)
          local oldest, oldestTicks = nil, nil
          for i = 1, #all, 2 do
            local ticks = cjson.decode(all[i + 1]).ticks
            if oldestTicks == nil or ticks < oldestTicks then oldest, oldestTicks = all[i], ticks end
          end
          redis.call('HDEL', @key, oldest)
        end
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    /// <summary>
    /// Takes a record by id and keeps a copy aside (with the take's time on the server's clock) until the service
    /// confirms it learnt from it: if the reply to this script is lost (a stall), the client's retry finds the copy
    /// once the first attempt's deadline has surely passed, so the feedback is not lost with the reply.
    /// </summary>
    private static readonly LuaScript TakeOne = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local value = redis.call('HGET', @key, @id)
        if value then
          redis.call('HDEL', @key, @id)
        else
          local held = redis.call('HGET', @resolving, @id)
          if not held then return nil end
          local sep = string.find(held, '|', 1, true)
          if now - tonumber(string.sub(held, 1, sep - 1)) <= tonumber(@grace) then return nil end
          value = string.sub(held, sep + 1)
        end
        redis.call('HSET', @resolving, @id, string.format('%.0f', now) .. '|' .. value)
        redis.call('PEXPIRE', @resolving, @hold)
        return value
        """);

    private static readonly LuaScript Confirm = LuaScript.Prepare("""
        return redis.call('HDEL', @resolving, @id)
        """);

    /// <summary>Takes the first record whose items equal the given JSON array (the original feedback form).</summary>
    private static readonly LuaScript TakeMatch = LuaScript.Prepare("""
        local wanted = cjson.decode(@items)
        local all = redis.call('HGETALL', @key)
        for i = 1, #all, 2 do
          local got = cjson.decode(all[i + 1]).items
          local same = #got == #wanted
          for j = 1, #got do
            if not same then break end
            same = got[j] == wanted[j]
          end
          if same then
            redis.call('HDEL', @key, all[i])
            return {all[i], all[i + 1]}
          end
        end
        return nil
        """);

    private static readonly LuaScript Erase = LuaScript.Prepare("""
        redis.call('DEL', @key, @resolving)
        redis.call('SET', @erased, '1', 'PX', @tombstone)
        return 1
        """);

    private static readonly LuaScript TakeEvery = LuaScript.Prepare("""
        local pairs = redis.call('HGETALL', @key)
        redis.call('DEL', @key)
        return pairs
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly LearningKeys _keys;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _deadline;
    private readonly long _ttlMilliseconds;
    private readonly long _tombstoneMilliseconds;

    /// <summary>How long a taken, unconfirmed record waits for a client's retry.</summary>
    private const long ResolvingHoldMilliseconds = 120_000;

    public RedisServedRecommendationStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<SessionRetentionOptions> retention)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(retention);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _keys = new LearningKeys(redisOptions.Value.KeyPrefix);
        _timeout = redisOptions.Value.OperationTimeout;
        _deadline = redisOptions.Value.RequestDeadline;
        _ttlMilliseconds = (long)Math.Ceiling(retention.Value.Ttl.TotalMilliseconds);
        _tombstoneMilliseconds = (long)Math.Ceiling(retention.Value.TombstoneTtl.TotalMilliseconds);
    }

    public async ValueTask RecordAsync(ServedRecommendation recommendation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        var record = new Stored([.. recommendation.Items.Take(InMemoryServedRecommendationStore.ItemsKept)], recommendation.ColdStart, recommendation.ServedAt.UtcTicks, recommendation.Arm);
        await Run(Record.EvaluateAsync(Database, new
        {
            key = _keys.Served(recommendation.Session),
            erased = _keys.Erased(recommendation.Session),
            id = (RedisValue)recommendation.Id,
            value = (RedisValue)JsonSerializer.Serialize(record, JsonOptions),
            max = InMemoryServedRecommendationStore.MaxPendingPerSession,
            ttl = _ttlMilliseconds,
        }), cancellationToken);
    }

    public async ValueTask<ServedRecommendation?> TakeAsync(SessionKey session, string recommendationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recommendationId);
        var value = await Run(TakeOne.EvaluateAsync(Database, new
        {
            key = _keys.Served(session),
            resolving = _keys.Resolving(session),
            id = (RedisValue)recommendationId,
            grace = (long)Math.Ceiling(_deadline.TotalMilliseconds),
            hold = ResolvingHoldMilliseconds,
        }), cancellationToken);
        return value.IsNull ? null : ToServed(session, recommendationId, (string)value!);
    }

    public async ValueTask<ServedRecommendation?> TakeMatchingAsync(SessionKey session, IReadOnlyList<string> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        string wanted = JsonSerializer.Serialize(items.Take(InMemoryServedRecommendationStore.ItemsKept).ToArray(), JsonOptions);
        var pair = (RedisValue[]?)await Run(TakeMatch.EvaluateAsync(Database, new { key = _keys.Served(session), items = (RedisValue)wanted }), cancellationToken);
        return pair is { Length: 2 } ? ToServed(session, pair[0].ToString(), pair[1].ToString()) : null;
    }

    public async ValueTask<IReadOnlyList<ServedRecommendation>> TakeAllAsync(SessionKey session, CancellationToken cancellationToken = default)
    {
        var pairs = (RedisValue[]?)await Run(TakeEvery.EvaluateAsync(Database, new { key = _keys.Served(session) }), cancellationToken) ?? [];
        var taken = new List<ServedRecommendation>(pairs.Length / 2);
        for (int i = 0; i + 1 < pairs.Length; i += 2)
        {
            taken.Add(ToServed(session, pairs[i].ToString(), pairs[i + 1].ToString()));
        }

        return [.. taken.OrderBy(r => r.ServedAt)];
    }

    public async ValueTask DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken = default) =>
        await Run(Erase.EvaluateAsync(Database, new { key = _keys.Served(session), resolving = _keys.Resolving(session), erased = _keys.Erased(session), tombstone = _tombstoneMilliseconds }), cancellationToken);

    public async ValueTask ConfirmTakenAsync(SessionKey session, string recommendationId, CancellationToken cancellationToken = default) =>
        await Run(Confirm.EvaluateAsync(Database, new { resolving = _keys.Resolving(session), id = (RedisValue)recommendationId }), cancellationToken);

    /// <summary>Redis holds the records in per-session hashes; counting them would mean scanning the keyspace.</summary>
    public ValueTask<long?> CountPendingAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<long?>(null);

    private IDatabase Database => _redis.GetDatabase();

    private static ServedRecommendation ToServed(SessionKey session, string id, string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, JsonOptions)
            ?? throw new InvalidDataException("An empty served-recommendation record.");
        return new ServedRecommendation(id, session, stored.Items, stored.ColdStart, new DateTimeOffset(stored.Ticks, TimeSpan.Zero), stored.Arm);
    }

    private Task<T> Run<T>(Task<T> operation, CancellationToken cancellationToken) =>
        RedisFailures.Guard(operation, Budget, cancellationToken);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The stored form; "ticks" is read by the record script to find the oldest.</summary>
    internal sealed record Stored(
        [property: System.Text.Json.Serialization.JsonPropertyName("items")] string[] Items,
        [property: System.Text.Json.Serialization.JsonPropertyName("cold")] bool ColdStart,
        [property: System.Text.Json.Serialization.JsonPropertyName("ticks")] long Ticks,
        [property: System.Text.Json.Serialization.JsonPropertyName("arm"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Arm = null);

    /// <summary>What this call may wait: the operation timeout, or less when the request's deadline is nearer.</summary>
    private TimeSpan Budget => RequestDeadline.Remaining(_deadline, _timeout);
}
