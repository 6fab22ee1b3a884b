using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Learning;
using StackExchange.Redis;

namespace SessionRec.Redis.Ended;

/// <summary>
/// Sessions that ended in Redis, shared by every replica through one capped stream. Any replica may sweep: it
/// claims the sessions whose end has passed from the active-session index, takes their clicks (within the grace the
/// store keeps them past the end) and appends them as anonymous item lists. Every replica reads the stream from where
/// it left off, so all of them learn from the same ended sessions. A session erased by request never gets here: its
/// clicks were deleted in the same atomic step as the rest of it, so the take finds nothing.
/// </summary>
public sealed class RedisEndedSessionStream
{
    private const int ClaimBatch = 500;
    private const int ReadBatch = 1000;

    // Sessions per append script: keeps one script's argument list (and its run time on Redis) small.
    private const int AppendBatch = 100;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeyLayout _keys;
    private readonly int _maxSessions;
    private readonly RedisValue _streamTtl;
    private readonly RedisValue _takeWithin;
    private readonly TimeSpan _timeout;
    private RedisValue _readFrom = "0-0";

    public RedisEndedSessionStream(
        IConnectionMultiplexer redis,
        IOptions<RedisOptions> redisOptions,
        IOptions<SessionRetentionOptions> retention,
        IOptions<EndedSessionOptions> ended,
        IOptions<LearningStateOptions> learning)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(ended);
        ArgumentNullException.ThrowIfNull(learning);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _keys = new RedisKeyLayout(redisOptions.Value.KeyPrefix);
        _timeout = redisOptions.Value.OperationTimeout;
        _maxSessions = ended.Value.MaxSessions;
        _streamTtl = (long)Math.Ceiling(learning.Value.StateTtl.TotalMilliseconds);

        // The index shard and the session may sit on two nodes, and the index hears of a click a moment after the
        // clicks key does: a little slack, far below what a session revived by a new click has left.
        double slack = Math.Min(1000, retention.Value.Ttl.TotalMilliseconds / 2);
        _takeWithin = (long)Math.Ceiling(ended.Value.Grace.TotalMilliseconds + slack);
    }

    public RedisKey StreamKey => _keys.EndedSessions;

    /// <summary>
    /// Moves the sessions that ended since the last sweep (by anyone) into the stream; returns how many it appended.
    /// A replica that fails between taking and appending loses that batch for learning, never more.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        try
        {
            var claims = _keys.AllIndexShards.Select(shard => db.ScriptEvaluateAsync(EndedSessionScripts.Claim, [shard], [ClaimBatch])).ToArray();
            await Task.WhenAll(claims).WaitAsync(_timeout * 2, cancellationToken);
            var hashes = claims.SelectMany(c => (RedisValue[]?)c.Result ?? []).ToArray();
            if (hashes.Length == 0)
            {
                return 0;
            }

            var takes = hashes
                .Select(h => db.ScriptEvaluateAsync(EndedSessionScripts.Take, [_keys.Clicks(new SessionKey(h.ToString()))], [_takeWithin]))
                .ToArray();
            await Task.WhenAll(takes).WaitAsync(_timeout * 2, cancellationToken);

            // One click pairs no items: nothing to learn from, so it does not take a place in the stream.
            var sessions = takes.Select(t => (RedisValue[]?)t.Result ?? []).Where(items => items.Length >= 2).ToList();
            int appended = 0;
            foreach (var chunk in sessions.Chunk(AppendBatch))
            {
                var args = new List<RedisValue>(2 + chunk.Sum(s => s.Length + 1)) { _maxSessions, _streamTtl };
                foreach (var items in chunk)
                {
                    args.Add(items.Length);
                    args.AddRange(items);
                }

                appended += (int)await db.ScriptEvaluateAsync(EndedSessionScripts.Append, [StreamKey], [.. args])
                    .WaitAsync(_timeout, cancellationToken);
            }

            return appended;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }
    }

    /// <summary>
    /// The stream's sessions this instance has not read yet, oldest first (all of them on the first call: a replica
    /// that starts later catches up with the others). Not thread-safe: one reader per replica.
    /// </summary>
    public async Task<IReadOnlyList<string[]>> ReadNewAsync(CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var read = new List<string[]>();
        try
        {
            while (true)
            {
                var entries = await db.StreamReadAsync(StreamKey, _readFrom, ReadBatch).WaitAsync(_timeout, cancellationToken);
                foreach (var entry in entries)
                {
                    read.Add([.. entry.Values.Where(v => v.Name == "i").Select(v => v.Value.ToString())]);
                    _readFrom = entry.Id;
                }

                if (entries.Length < ReadBatch)
                {
                    return read;
                }
            }
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Unavailable(e);
        }
    }
}
