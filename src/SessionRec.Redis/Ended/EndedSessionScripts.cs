namespace SessionRec.Redis.Ended;

/// <summary>
/// The Lua behind absorbing ended sessions. Like every script of the store, each touches one cluster slot: the claim
/// an index shard, the take one session's keys, the append the stream.
/// </summary>
internal static class EndedSessionScripts
{
    /// <summary>
    /// KEYS[1] an index shard; ARGV at most how many. Removes and returns the sessions whose end (score, the shard
    /// node's clock) has passed. Removing is the claim: two replicas sweeping at once never take the same session.
    /// </summary>
    public const string Claim = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local ended = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now), 'LIMIT', 0, tonumber(ARGV[1]))
        if #ended > 0 then
          redis.call('ZREM', KEYS[1], unpack(ended))
        end
        return ended
        """;

    /// <summary>
    /// KEYS[1] a session's clicks; ARGV the most time its clicks may have left to count as ended (grace plus slack,
    /// ms). Returns and deletes the clicks of a session that ended; nothing for one erased (its keys are gone, deleted
    /// in one step with the rest of the session) or revived by a click after the claim (its expiry moved forward).
    /// </summary>
    public const string Take = """
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 or left > tonumber(ARGV[1]) then return {} end
        local items = redis.call('LRANGE', KEYS[1], 0, -1)
        redis.call('DEL', KEYS[1])
        return items
        """;

    /// <summary>
    /// KEYS[1] the stream; ARGV max length, ttl ms, then per session its item count and items. One entry per session,
    /// each item a field 'i'. The entry id carries only the minute (its sequence number tells entries apart), never
    /// later than an earlier entry's, so the stream holds no precise time of anyone's visit.
    /// </summary>
    public const string Append = """
        local t = redis.call('TIME')
        local ms = math.floor(tonumber(t[1]) / 60) * 60000
        local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        if #last > 0 then
          local lastms = tonumber(string.match(last[1][1], '^(%d+)'))
          if lastms > ms then ms = lastms end
        end
        local id = string.format('%.0f-*', ms)
        local i = 3
        local added = 0
        while i <= #ARGV do
          local n = tonumber(ARGV[i])
          local cmd = {'XADD', KEYS[1], 'MAXLEN', ARGV[1], id}
          for j = 1, n do
            cmd[#cmd + 1] = 'i'
            cmd[#cmd + 1] = ARGV[i + j]
          end
          redis.call(unpack(cmd))
          i = i + n + 1
          added = added + 1
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return added
        """;
}
