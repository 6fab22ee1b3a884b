using SessionRec.Core.Privacy;
using StackExchange.Redis;

namespace SessionRec.Redis.Learning;

/// <summary>
/// Keys of the shared learning state. Per-session records share the session's hash tag (one cluster slot with its
/// clicks); global state uses one fixed tag per structure, so each structure's scripts stay within one slot.
/// </summary>
internal sealed class LearningKeys(string prefix)
{
    public RedisKey Served(SessionKey session) => new($"{prefix}:{{{session.Value}}}:served");

    /// <summary>Records taken by feedback and not yet confirmed as learnt (id → "takenMs|record").</summary>
    public RedisKey Resolving(SessionKey session) => new($"{prefix}:{{{session.Value}}}:resolving");

    /// <summary>A deleted session's tombstone: while it lives, nothing is recorded for the session.</summary>
    public RedisKey Erased(SessionKey session) => new($"{prefix}:{{{session.Value}}}:erased");

    public RedisKey BanditSuccesses { get; } = new($"{prefix}:{{bandit}}:successes");

    public RedisKey BanditFailures { get; } = new($"{prefix}:{{bandit}}:failures");

    public RedisKey Trending { get; } = new($"{prefix}:{{trending}}:scores");

    public RedisKey TrendingOrigin { get; } = new($"{prefix}:{{trending}}:origin");

    public RedisKey Counters { get; } = new($"{prefix}:{{metrics}}:counters");
}
