using SessionRec.Core.Privacy;
using SessionRec.Redis.Catalog;
using SessionRec.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests.Contract;

/// <summary>
/// What Redis holds after real traffic (this test's sessions, and whatever the other tests running beside it wrote):
/// no client session id anywhere, and nothing that never expires except the shop's catalog writes (the shop's data,
/// not a visitor's; written by other tests running beside this one).
/// </summary>
public abstract class RedisKeyspaceContract
{
    protected abstract IConnectionMultiplexer Connection { get; }

    protected abstract string ConnectionString { get; }

    [Fact]
    public async Task Every_key_on_every_node_expires_and_no_raw_session_id_is_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = TestConnections.Options(ConnectionString);
        var store = TestConnections.Store(Connection, options);
        var hasher = new SessionIdHasher("keyspace-tests-secret"u8.ToArray());
        string[] rawIds = [.. Enumerable.Range(0, 20).Select(i => $"raw-session-{i}-{Guid.NewGuid():N}")];
        foreach (var id in rawIds)
        {
            await store.AppendAsync(hasher.Hash(id), "P00001", ct);
            await store.AppendAsync(hasher.Hash(id), "P00013", ct);
            await store.ReadAsync(hasher.Hash(id), ct);
            await store.AppendClickAsync(hasher.Hash(id), "P00013", $"event-{id}", ct);
            await store.ClaimArmsAsync(hasher.Hash(id), ["P00001", "P00025"], 6, ct);
        }

        await store.DeleteAsync(hasher.Hash(rawIds[0]), ct);
        Assert.Equal(rawIds.Length - 1, await store.CountActiveAsync(ct));

        var db = Connection.GetDatabase();
        int ours = 0;
        foreach (var server in Connection.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 500))
            {
                string name = key.ToString();
                Assert.DoesNotContain(rawIds, id => name.Contains(id, StringComparison.Ordinal));
                long pttl = (long)await db.ExecuteAsync("PTTL", key);

                // -2: another test deleted the key between SCAN and PTTL; -1 would be a key that lives forever.
                bool catalog = name.EndsWith(RedisCatalogFeed.ItemsKeySuffix, StringComparison.Ordinal);
                Assert.True(pttl > 0 || pttl == -2 || catalog, $"{name} has no expiry (PTTL {pttl}).");
                foreach (var value in await ValuesAsync(db, key))
                {
                    Assert.DoesNotContain(rawIds, id => value.Contains(id, StringComparison.Ordinal));
                }

                if (name.StartsWith(options.KeyPrefix + ":", StringComparison.Ordinal))
                {
                    ours++;
                }
            }
        }

        // 19 sessions plus at least one index shard: the scan really saw this test's keys.
        Assert.True(ours >= rawIds.Length, $"only {ours} keys of this test were found");
    }

    private static async Task<string[]> ValuesAsync(IDatabase db, RedisKey key) => await db.KeyTypeAsync(key) switch
    {
        RedisType.List => [.. (await db.ListRangeAsync(key)).Select(v => v.ToString())],
        RedisType.Set => [.. (await db.SetMembersAsync(key)).Select(v => v.ToString())],
        RedisType.SortedSet => [.. (await db.SortedSetRangeByRankAsync(key)).Select(v => v.ToString())],
        // The shared learning state (served records, bandit counts, counters, trending origin) lives beside sessions.
        RedisType.Hash => [.. (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name.ToString(), e.Value.ToString() })],
        RedisType.String => [(await db.StringGetAsync(key)).ToString()],
        // Ended sessions shared for online learning: item ids only.
        RedisType.Stream => [.. (await db.StreamRangeAsync(key)).SelectMany(e => e.Values.Select(v => v.Value.ToString()))],
        RedisType.None => [],
        var other => throw new InvalidOperationException($"Something wrote an unexpected {other} at {key}."),
    };
}

public sealed class RedisStandaloneKeyspaceTests(RedisStandalone redis) : RedisKeyspaceContract
{
    protected override IConnectionMultiplexer Connection => redis.Connection;

    protected override string ConnectionString => redis.ConnectionString;
}

public sealed class RedisClusterKeyspaceTests(RedisCluster redis) : RedisKeyspaceContract
{
    protected override IConnectionMultiplexer Connection => redis.Connection;

    protected override string ConnectionString => redis.ConnectionString;
}
