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

    /// <summary>KEYS[1] clicks; ARGV max clicks, ttl ms. The newest max clicks, oldest first; refreshes expiry when found.</summary>
    public const string Read = """
        local items = redis.call('LRANGE', KEYS[1], -tonumber(ARGV[1]), -1)
        if #items > 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return items
        """;

    /// <summary>
    /// KEYS[1] an index shard; ARGV session hash, ttl ms. Scores are expiry times on the shard node's own clock, so
    /// replicas with skewed clocks still agree; expired members are pruned on the way.
    /// </summary>
    public const string Touch = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local ttl = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
        redis.call('ZADD', KEYS[1], 'GT', string.format('%.0f', now + ttl), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ttl)
        return 1
        """;

    /// <summary>KEYS[1] an index shard. Prunes expired members and returns how many remain.</summary>
    public const string Count = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
        return redis.call('ZCARD', KEYS[1])
        """;
}
