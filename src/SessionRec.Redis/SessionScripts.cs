namespace SessionRec.Redis;

/// <summary>
/// The Lua behind each operation. Each script touches keys of one slot only, so it is atomic on a Redis Cluster too;
/// numbers are formatted with %.0f because Lua would otherwise print large millisecond values in exponent form.
/// </summary>
internal static class SessionScripts
{
    /// <summary>KEYS[1] clicks; ARGV item, max clicks, ttl ms. Returns the length before trimming.</summary>
    public const string Append = """
        local n = redis.call('RPUSH', KEYS[1], ARGV[1])
        local max = tonumber(ARGV[2])
        if n > max then
          redis.call('LTRIM', KEYS[1], -max, -1)
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return n
        """;

    /// <summary>
    /// KEYS[1] clicks, KEYS[2] items counted for trending, KEYS[3] recent event digests; ARGV item, max clicks, ttl ms,
    /// event digest ('' for none), max trending items, max event ids, grace ms, clicks ttl ms. Returns -1 for a
    /// repeated event id (nothing stored), else 1 when this is the session's first click of the item (within the
    /// bound), 0 otherwise. With a grace (absorbing ended sessions), the clicks outlive the session by it; a click on a
    /// session that ended but whose clicks are still there for the sweep starts a new session, as after expiry.
    /// </summary>
    public const string AppendClick = """
        local ttl = ARGV[3]
        local grace = tonumber(ARGV[7])
        if grace > 0 then
          local left = redis.call('PTTL', KEYS[1])
          if left >= 0 and left <= grace then redis.call('DEL', KEYS[1]) end
        end
        if ARGV[4] ~= '' then
          local seen = redis.call('LRANGE', KEYS[3], 0, -1)
          for i = 1, #seen do
            if seen[i] == ARGV[4] then return -1 end
          end
          redis.call('RPUSH', KEYS[3], ARGV[4])
          redis.call('LTRIM', KEYS[3], -tonumber(ARGV[6]), -1)
          redis.call('PEXPIRE', KEYS[3], ttl)
        end
        local n = redis.call('RPUSH', KEYS[1], ARGV[1])
        local max = tonumber(ARGV[2])
        if n > max then
          redis.call('LTRIM', KEYS[1], -max, -1)
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[8])
        local first = 0
        if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 and redis.call('SCARD', KEYS[2]) < tonumber(ARGV[5]) then
          redis.call('SADD', KEYS[2], ARGV[1])
          first = 1
        end
        redis.call('PEXPIRE', KEYS[2], ttl)
        return first
        """;

    /// <summary>
    /// KEYS[1] arms already rewarded, KEYS[2] this minute's reward counter; ARGV max rewards a minute, ttl ms, max
    /// arms, then the items. Returns 1/0 per item (claimed or not); empty when the minute's budget is spent.
    /// </summary>
    public const string ClaimArms = """
        local used = tonumber(redis.call('GET', KEYS[2]) or '0')
        local out = {}
        if used >= tonumber(ARGV[1]) then return out end
        redis.call('INCR', KEYS[2])
        if used == 0 then redis.call('PEXPIRE', KEYS[2], 60000) end
        for i = 4, #ARGV do
          local claimed = 0
          if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 0 and redis.call('SCARD', KEYS[1]) < tonumber(ARGV[3]) then
            redis.call('SADD', KEYS[1], ARGV[i])
            claimed = 1
          end
          out[#out + 1] = claimed
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return out
        """;

    /// <summary>
    /// KEYS[1] clicks, then the session's other keys; ARGV max clicks, ttl ms, grace ms, clicks ttl ms. The newest max
    /// clicks, oldest first; refreshes every key's expiry when found. Clicks kept past the session's end for the sweep
    /// (left within the grace) are an ended session: nothing.
    /// </summary>
    public const string Read = """
        if tonumber(ARGV[3]) > 0 then
          local left = redis.call('PTTL', KEYS[1])
          if left >= 0 and left <= tonumber(ARGV[3]) then return {} end
        end
        local items = redis.call('LRANGE', KEYS[1], -tonumber(ARGV[1]), -1)
        if #items > 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[4])
          for i = 2, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
        end
        return items
        """;

    /// <summary>
    /// KEYS[1] an index shard; ARGV session hash, ttl ms, grace ms. Scores are expiry times on the shard node's own
    /// clock, so replicas with skewed clocks still agree. Members that ended are left for the grace (a sweep claims
    /// them there to absorb the session), then pruned on the way.
    /// </summary>
    public const string Touch = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local ttl = tonumber(ARGV[2])
        local grace = tonumber(ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - grace))
        redis.call('ZADD', KEYS[1], 'GT', string.format('%.0f', now + ttl), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], string.format('%.0f', ttl + grace))
        return 1
        """;

    /// <summary>KEYS[1] an index shard; ARGV grace ms. Prunes members ended longer than the grace ago; returns how many have not ended.</summary>
    public const string Count = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - tonumber(ARGV[1])))
        return redis.call('ZCOUNT', KEYS[1], string.format('(%.0f', now), '+inf')
        """;
}
