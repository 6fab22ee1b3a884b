using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Learning;
using SessionRec.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests.Learning;

/// <summary>
/// The shared learning state in Redis, standalone and Cluster: two store instances stand for two replicas, and
/// what one writes the other reads.
/// </summary>
public abstract class LearningStateContract
{
    private static readonly SessionIdHasher Hasher = new("learning-tests-secret"u8.ToArray());

    private readonly RedisOptions _options;

    protected LearningStateContract(IConnectionMultiplexer connection, string connectionString)
    {
        Connection = connection;
        _options = TestConnections.Options(connectionString);
    }

    protected IConnectionMultiplexer Connection { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_served_recommendation_is_taken_exactly_once_by_either_replica()
    {
        var (one, two) = (Served(), Served());
        var session = Hasher.Hash("served-" + Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;
        await one.RecordAsync(new ServedRecommendation("r1", session, ["a", "b"], true, now, Arm: "treatment"), Ct);
        await one.RecordAsync(new ServedRecommendation("r2", session, ["c"], false, now.AddSeconds(1)), Ct);

        var taken = await two.TakeAsync(session, "r1", Ct);
        Assert.NotNull(taken);
        Assert.Equal(["a", "b"], taken.Items);
        Assert.True(taken.ColdStart);
        Assert.Equal("treatment", taken.Arm); // the experiment arm that served it, so its hit counts for that arm
        Assert.Null(await one.TakeAsync(session, "r1", Ct));

        var rest = await one.TakeAllAsync(session, Ct);
        Assert.Equal(["r2"], rest.Select(r => r.Id));
        Assert.Null(rest[0].Arm);
        Assert.Empty(await two.TakeAllAsync(session, Ct));
    }

    [Fact]
    public async Task Served_records_are_capped_per_session_and_deleted_with_it()
    {
        var store = Served();
        var session = Hasher.Hash("capped-" + Guid.NewGuid());
        var start = DateTimeOffset.UtcNow;
        for (int i = 0; i < 20; i++)
        {
            await store.RecordAsync(new ServedRecommendation($"r{i}", session, ["x"], false, start.AddSeconds(i)), Ct);
        }

        var kept = await store.TakeAllAsync(session, Ct);
        Assert.Equal(InMemoryServedRecommendationStore.MaxPendingPerSession, kept.Count);
        Assert.Equal($"r{20 - InMemoryServedRecommendationStore.MaxPendingPerSession}", kept[0].Id); // the oldest were dropped

        await store.RecordAsync(new ServedRecommendation("last", session, ["x"], false, start), Ct);
        await store.DeleteSessionAsync(session, Ct);
        Assert.Null(await store.TakeAsync(session, "last", Ct));

        // The delete's tombstone: a recommendation racing it cannot record for the session afterwards.
        await store.RecordAsync(new ServedRecommendation("racing", session, ["x"], false, start), Ct);
        Assert.Empty(await store.TakeAllAsync(session, Ct));
    }

    [Fact]
    public async Task Bandit_rewards_from_every_replica_add_up()
    {
        var (one, two) = (Arms(), Arms());
        await one.AddAsync([new ArmReward("hit", true), new ArmReward("miss", false)], Ct);
        await Parallel.ForAsync(0, 50, Ct, async (i, ct) => await two.AddAsync([new ArmReward("hit", i % 2 == 0)], ct));

        var counts = await one.GetAsync(["hit", "miss", "never"], Ct);

        Assert.Equal(new ArmCounts(26, 25), counts[0]);
        Assert.Equal(new ArmCounts(0, 1), counts[1]);
        Assert.Equal(default, counts[2]);
    }

    [Fact]
    public async Task Trending_is_shared_and_seeded_only_once()
    {
        var (one, two) = (Trending(), Trending());
        await one.SeedAsync([new("seeded-a", 5), new("seeded-b", 3)], Ct);
        await two.SeedAsync([new("other", 1000)], Ct); // a second replica starting: ignored
        for (int i = 0; i < 10; i++)
        {
            await two.RecordAsync("live", Ct);
        }

        var top = await one.TopAsync(3, Ct);

        Assert.Equal(["live", "seeded-a", "seeded-b"], top);
    }

    [Fact]
    public async Task Counters_agree_across_replicas()
    {
        var (one, two) = (Counters(), Counters());
        one.Add(MetricCounter.Clicks, 3);
        two.Add(MetricCounter.Clicks, 4);
        two.Add(MetricCounter.Hits);

        long[] values = [];
        for (int attempt = 0; attempt < 100; attempt++) // increments are fire-and-forget
        {
            values = await one.ReadAsync(Ct);
            if (values[(int)MetricCounter.Clicks] == 7)
            {
                break;
            }

            await Task.Delay(20, Ct);
        }

        Assert.Equal(7, values[(int)MetricCounter.Clicks]);
        Assert.Equal(1, (await two.ReadAsync(Ct))[(int)MetricCounter.Hits]);
    }

    [Fact]
    public async Task Every_learning_key_expires()
    {
        var session = Hasher.Hash("ttl-" + Guid.NewGuid());
        await Served().RecordAsync(new ServedRecommendation("r", session, ["x"], true, DateTimeOffset.UtcNow), Ct);
        await Arms().AddAsync([new ArmReward("x", true), new ArmReward("y", false)], Ct);
        await Trending().SeedAsync([new("x", 1)], Ct);
        await Trending().RecordAsync("x", Ct);
        Counters().Add(MetricCounter.Clicks);
        await Task.Delay(100, Ct);

        int seen = 0;
        var db = Connection.GetDatabase();
        foreach (var server in Connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: _options.KeyPrefix + ":*"))
            {
                seen++;
                Assert.True((long)await db.ExecuteAsync("PTTL", key) > 0, $"{key} has no expiry");
            }
        }

        Assert.True(seen >= 6, $"only {seen} learning keys found"); // served, 2 bandit, 2 trending, counters
    }

    private RedisServedRecommendationStore Served() =>
        new(Connection, Options.Create(_options), Options.Create(new SessionRetentionOptions()));

    private RedisBanditArmStore Arms() => new(Connection, Options.Create(_options), Options.Create(new LearningStateOptions()));

    private RedisTrendingStore Trending() =>
        new(Connection, Options.Create(_options), Options.Create(new LearningStateOptions()), Options.Create(new ColdStartOptions()), TimeProvider.System);

    private RedisMetricCounterStore Counters() => new(Connection, Options.Create(_options), Options.Create(new LearningStateOptions()));
}

public sealed class StandaloneLearningStateTests(RedisStandalone redis) : LearningStateContract(redis.Connection, redis.ConnectionString);

public sealed class ClusterLearningStateTests(RedisCluster redis) : LearningStateContract(redis.Connection, redis.ConnectionString);
