using SessionRec.Core.Privacy;
using SessionRec.Redis.Ended;
using SessionRec.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests.Ended;

/// <summary>
/// Ended sessions shared through Redis, on a standalone server and on a cluster: each replica's stream reader sees
/// every session that ended by itself, once; never one erased by request; the stream stays capped and expires.
/// Sessions last one second here; the grace (how long their clicks stay for a sweep) is generous, so a slow machine
/// only makes the test wait longer, never fail.
/// </summary>
public abstract class EndedSessionStreamContract
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(1);
    private static readonly SessionIdHasher Hasher = new("ended-stream-tests-secret"u8.ToArray());

    protected abstract IConnectionMultiplexer Connection { get; }

    protected abstract string ConnectionString { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_that_ends_reaches_every_replica_once_and_erased_sessions_never()
    {
        var (store, first, options) = Replica(maxSessions: 100);
        var second = TestConnections.EndedStream(Connection, options, Ttl, Ended(100));

        await ClickAsync(store, "erased-while-active", "E1", "E2", "E3");
        await store.DeleteAsync(Hasher.Hash("erased-while-active"), Ct);

        // Erased after its end, while its clicks still wait for a sweep, and its index entry survives the erasure
        // (the index update is fire-and-forget, so it can be lost): the sweep must still take nothing.
        await ClickAsync(store, "erased-after-end", "F1", "F2");
        await WaitUntilEndedAsync(store, "erased-after-end");
        await store.DeleteAsync(Hasher.Hash("erased-after-end"), Ct);
        await Connection.GetDatabase().SortedSetAddAsync(new RedisKeyLayout(options.KeyPrefix).IndexShard(Hasher.Hash("erased-after-end")), Hasher.Hash("erased-after-end").Value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1);

        await ClickAsync(store, "one-click", "S1");
        await ClickAsync(store, "kept", "K1", "K2", "K3");
        await WaitUntilEndedAsync(store, "kept");

        var seenByFirst = await SweepUntilAsync(first, first, expected: 1);
        var seenBySecond = await second.ReadNewAsync(Ct);

        string[][] expected = [["K1", "K2", "K3"]];
        Assert.Equal(expected, seenByFirst);
        Assert.Equal(expected, seenBySecond);
        Assert.Equal(0, await first.SweepAsync(Ct));
        Assert.Empty(await second.ReadNewAsync(Ct));
        Assert.Empty(await store.ReadAsync(Hasher.Hash("kept"), Ct));
    }

    [Fact]
    public async Task The_stream_keeps_at_most_MaxSessions_expires_and_holds_only_coarse_time()
    {
        var (store, stream, options) = Replica(maxSessions: 3);
        for (int i = 0; i < 6; i++)
        {
            await ClickAsync(store, $"visitor-{i}", $"A{i}", $"B{i}");
        }

        await WaitUntilEndedAsync(store, "visitor-5");
        int appended = 0;
        for (int round = 0; appended < 6 && round < 100; round++)
        {
            appended += await stream.SweepAsync(Ct);
            await Task.Delay(100, Ct);
        }

        Assert.Equal(6, appended);
        var db = Connection.GetDatabase();
        var entries = await db.StreamRangeAsync(stream.StreamKey);
        Assert.Equal(3, entries.Length);
        Assert.True((long)await db.ExecuteAsync("PTTL", stream.StreamKey) > 0);
        Assert.All(entries, e => Assert.Equal(0, long.Parse(e.Id.ToString().Split('-')[0], System.Globalization.CultureInfo.InvariantCulture) % 60_000));
        Assert.Equal(3, (await stream.ReadNewAsync(Ct)).Count);
        Assert.StartsWith(options.KeyPrefix + ":", stream.StreamKey.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_click_after_the_end_starts_a_new_session()
    {
        var (store, _, _) = Replica(maxSessions: 100);
        await ClickAsync(store, "returning", "R1", "R2");
        await WaitUntilEndedAsync(store, "returning");

        await ClickAsync(store, "returning", "R3");

        Assert.Equal(["R3"], await store.ReadAsync(Hasher.Hash("returning"), Ct));
        Assert.Equal(1, await store.CountActiveAsync(Ct));
    }

    [Fact]
    public async Task Two_replicas_sweeping_at_once_absorb_each_session_once()
    {
        var (store, first, options) = Replica(maxSessions: 1000);
        var second = TestConnections.EndedStream(Connection, options, Ttl, Ended(1000));
        for (int i = 0; i < 40; i++)
        {
            await ClickAsync(store, $"crowd-{i}", $"C{i}", $"D{i}");
        }

        await WaitUntilEndedAsync(store, "crowd-39");
        int appended = 0;
        for (int round = 0; appended < 40 && round < 100; round++)
        {
            var sweeps = await Task.WhenAll(first.SweepAsync(Ct), second.SweepAsync(Ct));
            appended += sweeps.Sum();
            await Task.Delay(100, Ct);
        }

        var read = await first.ReadNewAsync(Ct);
        Assert.Equal(40, appended);
        Assert.Equal(40, read.Count);
        Assert.Equal(40, read.Select(items => items[0]).Distinct().Count());
    }

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private string? _prefix;

    private static EndedSessionOptions Ended(int maxSessions) => new() { MaxSessions = maxSessions, Grace = Grace };

    private (RedisSessionStore Store, RedisEndedSessionStream Stream, RedisOptions Options) Replica(int maxSessions)
    {
        var options = TestConnections.Options(ConnectionString);
        _prefix = options.KeyPrefix;
        return (
            TestConnections.Store(Connection, options, ttl: Ttl, ended: Ended(maxSessions)),
            TestConnections.EndedStream(Connection, options, Ttl, Ended(maxSessions)),
            options);
    }

    private static async Task ClickAsync(RedisSessionStore store, string session, params string[] items)
    {
        foreach (var item in items)
        {
            await store.AppendAsync(Hasher.Hash(session), item, Ct);
        }
    }

    /// <summary>
    /// The real clock: Redis ends sessions in real time. Waits (bounded) until the session's clicks are only kept for
    /// the sweep, looking at their expiry (a read would slide it), then checks that the store calls it ended.
    /// </summary>
    private async Task WaitUntilEndedAsync(RedisSessionStore store, string session)
    {
        var clicks = new RedisKeyLayout(_prefix!).Clicks(Hasher.Hash(session));
        var db = Connection.GetDatabase();
        for (int i = 0; i < 200 && (long)await db.ExecuteAsync("PTTL", clicks) > Grace.TotalMilliseconds; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Empty(await store.ReadAsync(Hasher.Hash(session), Ct));
    }

    /// <summary>
    /// Sweeps until <paramref name="expected"/> sessions went into the stream (the index hears of a session a moment
    /// after its clicks, so the first sweep after the end may find it not yet claimable), then reads.
    /// </summary>
    private static async Task<IReadOnlyList<string[]>> SweepUntilAsync(RedisEndedSessionStream sweeper, RedisEndedSessionStream reader, int expected)
    {
        int appended = 0;
        for (int round = 0; appended < expected && round < 100; round++)
        {
            appended += await sweeper.SweepAsync(Ct);
            await Task.Delay(50, Ct);
        }

        return await reader.ReadNewAsync(Ct);
    }
}

public sealed class RedisStandaloneEndedSessionStreamTests(RedisStandalone redis) : EndedSessionStreamContract
{
    protected override IConnectionMultiplexer Connection => redis.Connection;

    protected override string ConnectionString => redis.ConnectionString;
}

public sealed class RedisClusterEndedSessionStreamTests(RedisCluster redis) : EndedSessionStreamContract
{
    protected override IConnectionMultiplexer Connection => redis.Connection;

    protected override string ConnectionString => redis.ConnectionString;
}
