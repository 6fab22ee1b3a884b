using System.Buffers;
using System.Globalization;
using SessionRec.Core.Privacy;
using StackExchange.Redis;

namespace SessionRec.Redis;

/// <summary>
/// Where a session's data lives. Every key is built from the keyed hash only, never from a client's session id, and
/// carries a hash tag so that all keys of one session share one Redis Cluster slot (one Lua script can touch them).
/// </summary>
public sealed class RedisKeyLayout
{
    /// <summary>
    /// The active-session index is split so that no single slot (and so no single cluster node) takes a write for
    /// every click of every session.
    /// </summary>
    public const int IndexShards = 16;

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string _prefix;
    private readonly RedisKey[] _indexShards;

    public RedisKeyLayout(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("The key prefix must not contain braces: they would change the hash tag.", nameof(prefix));
        }

        _prefix = prefix;
        _indexShards = [.. Enumerable.Range(0, IndexShards).Select(i => new RedisKey($"{prefix}:active:{{{i:x}}}"))];
    }

    /// <summary>The session's clicks, oldest first: <c>prefix:{hash}:clicks</c>.</summary>
    public RedisKey Clicks(SessionKey session) => new($"{_prefix}:{{{Validated(session)}}}:clicks");

    /// <summary>Items the session already counted for trending (a set): <c>prefix:{hash}:trended</c>.</summary>
    public RedisKey Trended(SessionKey session) => SessionPart(session, "trended");

    /// <summary>Bandit arms the session already rewarded (a set): <c>prefix:{hash}:arms</c>.</summary>
    public RedisKey Arms(SessionKey session) => SessionPart(session, "arms");

    /// <summary>Digests of the session's recent click event ids (a list): <c>prefix:{hash}:events</c>.</summary>
    public RedisKey Events(SessionKey session) => SessionPart(session, "events");

    /// <summary>Cold-start slates the session resolved this minute (a counter with a one-minute TTL).</summary>
    public RedisKey Rewards(SessionKey session) => SessionPart(session, "rewards");

    /// <summary>Every key of the session, for erasure.</summary>
    public RedisKey[] AllOf(SessionKey session) => [Clicks(session), Trended(session), Arms(session), Events(session), Rewards(session)];

    /// <summary>The index shard that counts this session: chosen by the hash, so a session always meets the same shard.</summary>
    public RedisKey IndexShard(SessionKey session) =>
        _indexShards[int.Parse(Validated(session).AsSpan(0, 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % IndexShards];

    public IReadOnlyList<RedisKey> AllIndexShards => _indexShards;

    /// <summary>
    /// Ended sessions as anonymous item lists, shared by every replica (a capped stream): <c>prefix:{ended}:sessions</c>.
    /// </summary>
    public RedisKey EndedSessions => new($"{_prefix}:{{ended}}:sessions");

    private RedisKey SessionPart(SessionKey session, string part) => new($"{_prefix}:{{{Validated(session)}}}:{part}");

    private static string Validated(SessionKey session)
    {
        string value = session.Value;

        // A raw id slipping through here would be written to Redis in the clear; only hex hashes are keys.
        if (string.IsNullOrEmpty(value) || value.AsSpan().ContainsAnyExcept(Hex))
        {
            throw new ArgumentException("A session key must be the hex hash of a session id.", nameof(session));
        }

        return value;
    }
}
